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

    /// <summary>Page size for auto-pagination: Stripe's maximum, so the fewest requests are sent.</summary>
    public const int AutoPagingPageSize = 100;

    /// <summary>The environment variable Stripe's own CLI reads the secret key from.</summary>
    public const string ApiKeyEnvironmentVariable = "STRIPE_API_KEY";
}
