namespace BalanceTools.Benchmarks;

/// <summary>
/// The fewest requests an export can list its customers with, pages of 100: what every measured run is held against.
/// </summary>
public static class FewestRequests
{
    /// <summary>
    /// A whole account: the customer pages, and for each customer one request per started page of 100, at least one
    /// (an empty list is still one request).
    /// </summary>
    public static int ForAccount(IReadOnlyCollection<int> transactionCounts) =>
        Math.Max(1, Pages(transactionCounts.Count)) + transactionCounts.Sum(ForCustomer);

    /// <summary>One customer given by the caller (piped): its pages, at least one.</summary>
    public static int ForCustomer(int transactions) => Math.Max(1, Pages(transactions));

    private static int Pages(int objects) => (objects + Scenario.PageSize - 1) / Scenario.PageSize;
}
