namespace BalanceTools.FakeStripe;

/// <summary>
/// A request path matched against the routes the fake serves: <c>/v1/customers</c>, <c>/v1/customers/{customer}</c>
/// and <c>/v1/customers/{customer}/balance_transactions[/{transaction}]</c>. Matching happens on the raw, still-encoded
/// path so an encoded slash inside an id stays part of that id.
/// </summary>
internal sealed record ApiRoute(string Template, string? CustomerId, string? TransactionId)
{
    public const string CustomersTemplate = "/v1/customers";
    public const string CustomerTemplate = "/v1/customers/{customer}";
    public const string TransactionsTemplate = "/v1/customers/{customer}/balance_transactions";
    public const string TransactionTemplate = "/v1/customers/{customer}/balance_transactions/{transaction}";

    // Requests to paths the fake does not serve still pass the rate limiter, under one endpoint per method.
    private const string UnrecognizedTemplate = "(unrecognized)";

    public static ApiRoute? Match(string rawPath)
    {
        if (rawPath == CustomersTemplate)
        {
            return new ApiRoute(CustomersTemplate, null, null);
        }

        var segments = rawPath.Split('/');
        if (segments.Length is < 4 or > 6
            || segments[0].Length != 0
            || segments[1] != "v1"
            || segments[2] != "customers"
            || segments[3].Length == 0)
        {
            return null;
        }

        var customerId = Uri.UnescapeDataString(segments[3]);
        return segments.Length switch
        {
            4 => new ApiRoute(CustomerTemplate, customerId, null),
            _ when segments[4] != "balance_transactions" => null,
            5 => new ApiRoute(TransactionsTemplate, customerId, null),
            _ when segments[5].Length == 0 => null,
            _ => new ApiRoute(TransactionTemplate, customerId, Uri.UnescapeDataString(segments[5])),
        };
    }

    /// <summary>
    /// The endpoint a request counts against in Stripe's per-endpoint rate limit: method and route template, so all
    /// customers' <c>GET …/balance_transactions</c> are one endpoint, a <c>POST</c> to it is another and every
    /// customer's <c>GET /v1/customers/{customer}</c> a third.
    /// </summary>
    public static string Endpoint(string method, string rawPath) =>
        method + " " + (Match(rawPath)?.Template ?? UnrecognizedTemplate);
}
