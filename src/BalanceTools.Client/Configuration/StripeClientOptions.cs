namespace BalanceTools.Client;

/// <summary>Settings for one <see cref="CustomerBalanceTransactionClient"/>; most can be overridden per call with <see cref="RequestOptions"/>.</summary>
public sealed class StripeClientOptions
{
    /// <summary>The key used when a call does not bring its own.</summary>
    public StripeApiKey? ApiKey { get; set; }

    /// <summary>Where requests go; an <c>http://</c> address is only accepted for loopback hosts such as the offline server.</summary>
    public Uri BaseUri { get; set; } = StripeDefaults.BaseUri;

    /// <summary>
    /// The proxy requests go through: the system's and the environment's settings unless set. Clients with the same
    /// base URI and proxy share their connections process-wide.
    /// </summary>
    public ProxySettings Proxy { get; set; } = ProxySettings.System;

    /// <summary>The <c>Stripe-Version</c> header sent on every request.</summary>
    public string ApiVersion { get; set; } = StripeDefaults.ApiVersion;

    /// <summary>The connected account (<c>Stripe-Account</c>) to act for, for Stripe Connect platforms.</summary>
    public string? StripeAccount { get; set; }

    /// <summary>Retries after the first attempt for failures that are safe to retry.</summary>
    public int MaxNetworkRetries { get; set; } = StripeDefaults.MaxNetworkRetries;

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan Timeout { get; set; } = StripeDefaults.Timeout;

    /// <summary>
    /// Retry a write (POST) answered 429, with the same idempotency key, up to <see cref="MaxRateLimitRetries"/> times
    /// (true by default: the key makes the retry safe); false reports a write's 429 at once. Reads are always retried
    /// after a 429, up to <see cref="MaxRateLimitRetries"/> times.
    /// </summary>
    public bool RetryOnRateLimit { get; set; } = true;

    /// <summary>
    /// The most requests per second sent with one key and account by the whole process (every client shares one
    /// <see cref="AdaptiveRateLimiter"/>); zero or less means no client-side limit.
    /// </summary>
    public double MaxRequestsPerSecond { get; set; } = StripeDefaults.MaxRequestsPerSecond;

    /// <summary>How often one request answered 429 is retried (after <c>Retry-After</c> or back-off) before the 429 is reported.</summary>
    public int MaxRateLimitRetries { get; set; } = StripeDefaults.MaxRateLimitRetries;

    /// <summary>First back-off delay, doubled on each further retry.</summary>
    public TimeSpan InitialRetryDelay { get; set; } = StripeDefaults.InitialRetryDelay;

    /// <summary>Upper bound of the back-off delay.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = StripeDefaults.MaxRetryDelay;

    /// <summary>Longest <c>Retry-After</c> honoured.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = StripeDefaults.MaxRetryAfter;

    /// <summary>Appended to the <c>User-Agent</c>, e.g. <c>MyRunbook/1.2</c>.</summary>
    public string? ApplicationInfo { get; set; }

    /// <summary>Receives one event per HTTP attempt; it never contains the key. Called on the thread that ran the attempt.</summary>
    public Action<StripeRequestEvent>? OnRequest { get; set; }

    /// <summary>Include the (redacted) form body in <see cref="StripeRequestEvent.RequestBody"/>.</summary>
    public bool LogRequestBodies { get; set; }

    internal StripeClientOptions Clone() => (StripeClientOptions)MemberwiseClone();
}
