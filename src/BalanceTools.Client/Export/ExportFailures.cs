namespace BalanceTools.Client;

/// <summary>What a failure during an export means for it.</summary>
public static class ExportFailures
{
    /// <summary>
    /// True when <paramref name="failure"/> says the customer no longer exists (404 <c>resource_missing</c>): deleted
    /// before or while it was exported. Its transactions are gone at Stripe too, so there is nothing to retry.
    /// </summary>
    public static bool IsDeletedCustomer(Exception? failure) =>
        failure is StripeException { HttpStatus: 404, Code: "resource_missing" };

    /// <summary>True when Stripe refused a list's <c>starting_after</c> because that object no longer exists.</summary>
    internal static bool IsMissingCursor(StripeException failure) =>
        failure is { HttpStatus: 400, Code: "resource_missing", Param: "starting_after" };
}
