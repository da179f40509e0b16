namespace BalanceTools.Client;

/// <summary>
/// Builds request paths with every caller-supplied segment percent-encoded, so an id can never change the route.
/// Segments made only of dots, which <see cref="Uri"/> would collapse even when encoded, are refused earlier by
/// <see cref="RequestValidator.Id"/>.
/// </summary>
internal static class PathBuilder
{
    public const string Customers = "v1/customers";

    public static string Customer(string customer) => Customers + "/" + Uri.EscapeDataString(customer);

    public static string BalanceTransactions(string customer) => Customer(customer) + "/balance_transactions";

    public static string BalanceTransaction(string customer, string transaction) =>
        BalanceTransactions(customer) + "/" + Uri.EscapeDataString(transaction);
}
