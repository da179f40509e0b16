namespace BalanceTools.FakeStripe;

/// <summary>
/// A request path matched against <c>/v1/customers/{customer}/balance_transactions[/{transaction}]</c>.
/// Matching happens on the raw, still-encoded path so an encoded slash inside an id stays part of that id.
/// </summary>
internal sealed record ApiRoute(string CustomerId, string? TransactionId)
{
    public static ApiRoute? Match(string rawPath)
    {
        var segments = rawPath.Split('/');
        if (segments.Length is not (5 or 6)
            || segments[0].Length != 0
            || segments[1] != "v1"
            || segments[2] != "customers"
            || segments[3].Length == 0
            || segments[4] != "balance_transactions")
        {
            return null;
        }

        if (segments.Length == 5)
        {
            return new ApiRoute(Uri.UnescapeDataString(segments[3]), null);
        }

        return segments[5].Length == 0
            ? null
            : new ApiRoute(Uri.UnescapeDataString(segments[3]), Uri.UnescapeDataString(segments[5]));
    }
}
