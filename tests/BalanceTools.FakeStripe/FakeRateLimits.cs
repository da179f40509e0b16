namespace BalanceTools.FakeStripe;

/// <summary>
/// Stripe-like rate limits, applied per API key and <c>Stripe-Account</c> (see <see cref="FakeStripeServer.RateLimits"/>).
/// The defaults are Stripe's documented ones for live mode: 100 requests/s in all, 25/s for each endpoint. A sandbox
/// (test mode) allows 25/s in all; set <see cref="GlobalPerSecond"/> to 25 to reproduce that.
/// </summary>
/// <remarks>
/// The server reads these values on every request, so changing a property of the instance in use takes effect at
/// once; assigning a different instance also starts its buckets afresh (full, or empty with
/// <see cref="BucketsStartEmpty"/>).
/// </remarks>
public sealed class FakeRateLimits
{
    private double _globalPerSecond = 100;
    private double _perEndpointPerSecond = 25;
    private int _maxConcurrentRequests;

    /// <summary>
    /// Requests per second over all endpoints: a token bucket holding one second's worth (at least one token),
    /// refilled continuously. <see cref="double.PositiveInfinity"/> turns this limit off.
    /// </summary>
    public double GlobalPerSecond
    {
        get => _globalPerSecond;
        set => _globalPerSecond = Rate(value);
    }

    /// <summary>
    /// Requests per second to one endpoint, that is one method and route template (all customers'
    /// <c>GET /v1/customers/{customer}/balance_transactions</c> are one endpoint, a <c>POST</c> to it is another,
    /// <c>GET /v1/customers</c> a third). Same bucket shape as <see cref="GlobalPerSecond"/>;
    /// <see cref="double.PositiveInfinity"/> turns it off.
    /// </summary>
    public double PerEndpointPerSecond
    {
        get => _perEndpointPerSecond;
        set => _perEndpointPerSecond = Rate(value);
    }

    /// <summary>
    /// Most requests in flight at once (from arrival, through the latency, to the response); 0, the default, means
    /// no limit.
    /// </summary>
    public int MaxConcurrentRequests
    {
        get => _maxConcurrentRequests;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            _maxConcurrentRequests = value;
        }
    }

    /// <summary>
    /// Whether each bucket (global, and each endpoint's when first used) starts empty, with only what it refills,
    /// as Stripe's do for a client that starts while others spend the same key; by default they start full.
    /// </summary>
    public bool BucketsStartEmpty { get; set; }

    /// <summary>Whether a refused request's 429 carries <c>Retry-After: 1</c>; by default it carries none.</summary>
    public bool SendRetryAfter { get; set; }

    private static double Rate(double value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A rate must be a positive number of requests per second.");
}
