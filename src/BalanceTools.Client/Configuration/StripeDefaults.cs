namespace BalanceTools.Client;

/// <summary>Values the client uses when the caller does not choose otherwise.</summary>
public static class StripeDefaults
{
    /// <summary>The Stripe API version every request is pinned to, so that response shapes never change under a script.</summary>
    public const string ApiVersion = "2026-10-28.endive";

    /// <summary>Stripe's production API endpoint.</summary>
    public static Uri BaseUri { get; } = new("https://api.stripe.com/");

    /// <summary>Retries after the first attempt, as in Stripe's official SDKs.</summary>
    public const int MaxNetworkRetries = 2;

    /// <summary>Per-attempt timeout, as in Stripe's official SDKs.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(80);

    /// <summary>First back-off delay; doubled per retry.</summary>
    public static TimeSpan InitialRetryDelay { get; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest back-off delay between two attempts.</summary>
    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest <c>Retry-After</c> the client will wait for; a server asking for longer waits this long.</summary>
    public static TimeSpan MaxRetryAfter { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a pooled connection is reused before a new one is opened, so that a DNS change (Stripe moving an
    /// address) is noticed within this time; long enough that a handshake is rare. Microsoft's guidance for a shared
    /// HttpClient uses the same two minutes.
    /// </summary>
    public static TimeSpan PooledConnectionLifetime { get; } = TimeSpan.FromMinutes(2);

    /// <summary>Page size for auto-pagination: Stripe's maximum, so the fewest requests are sent.</summary>
    public const int AutoPagingPageSize = 100;

    /// <summary>Stripe's default limit for one endpoint (all customers' balance transaction lists count as one).</summary>
    public const double MaxRequestsPerSecond = 25;

    /// <summary>
    /// Rows New- and Set-CustomerBalanceTransaction send at once unless -ThrottleLimit says otherwise, and the
    /// requests an export keeps in flight when there is no rate limit to size them by (with one, the export sizes
    /// them itself: see <c>InFlightTarget</c>). 16 held Stripe's 25 requests/s at 150 to 300 ms a request in the
    /// benchmark.
    /// </summary>
    public const int ThrottleLimit = 16;

    /// <summary>Transactions one customer of an export may hold ready while earlier customers are handed on: five pages.</summary>
    public const int BufferPerCustomer = 500;

    /// <summary>Retries of a request answered 429, beyond which the 429 is reported.</summary>
    public const int MaxRateLimitRetries = 8;

    /// <summary>The environment variable that raises or lowers <see cref="MaxRequestsPerSecond"/> for runbooks.</summary>
    public const string MaxRequestsPerSecondEnvironmentVariable = "STRIPE_MAX_REQUESTS_PER_SECOND";

    /// <summary>The environment variable Stripe's own CLI reads the secret key from.</summary>
    public const string ApiKeyEnvironmentVariable = "STRIPE_API_KEY";
}
