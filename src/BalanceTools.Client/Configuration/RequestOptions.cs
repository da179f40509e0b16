namespace BalanceTools.Client;

/// <summary>Per-call overrides of <see cref="StripeClientOptions"/>; null members fall back to the client's settings.</summary>
public sealed class RequestOptions
{
    /// <summary>The key for this call.</summary>
    public StripeApiKey? ApiKey { get; set; }

    /// <summary>The <c>Stripe-Version</c> for this call.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>The connected account for this call.</summary>
    public string? StripeAccount { get; set; }

    /// <summary>
    /// The <c>Idempotency-Key</c> for a POST. Left null, one is generated per logical request and reused on its retries;
    /// give one to make a whole script restart-safe (a re-run with the same key replays the first result).
    /// </summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Retries after the first attempt.</summary>
    public int? MaxNetworkRetries { get; set; }

    /// <summary>How long one attempt may take.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Retry a write answered 429 (the client's setting, true by default, when null).</summary>
    public bool? RetryOnRateLimit { get; set; }
}
