namespace BalanceTools.Client;

/// <summary>What happened on one HTTP attempt, for verbose logging. Holds no credentials.</summary>
public sealed record StripeRequestEvent
{
    /// <summary>GET or POST.</summary>
    public string Method { get; init; } = string.Empty;

    /// <summary>Path and query string as sent.</summary>
    public string PathAndQuery { get; init; } = string.Empty;

    /// <summary>1 for the first attempt.</summary>
    public int Attempt { get; init; }

    /// <summary>The HTTP status, or null when no response arrived.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Stripe's <c>Request-Id</c>, when a response arrived.</summary>
    public string? RequestId { get; init; }

    /// <summary>Time from sending to the full response (or the failure).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Why the attempt failed without a response (connection reset, timeout).</summary>
    public string? NetworkError { get; init; }

    /// <summary>Delay before the next attempt; null when this attempt is the last.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The idempotency key of a POST.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>True when Stripe replayed an earlier result for the idempotency key.</summary>
    public bool IdempotentReplayed { get; init; }

    /// <summary>A <c>Stripe-Notice</c> header (deprecations and the like), to be shown as a warning.</summary>
    public string? Notice { get; init; }

    /// <summary>The form body, only when <see cref="StripeClientOptions.LogRequestBodies"/> is set.</summary>
    public string? RequestBody { get; init; }

    /// <summary>One line for verbose logs, e.g. <c>GET /v1/… -> 200 req_123 in 41 ms</c>.</summary>
    public string Describe()
    {
        var outcome = StatusCode is { } status
            ? status.ToString(System.Globalization.CultureInfo.InvariantCulture) + (RequestId is null ? string.Empty : " " + RequestId)
            : "no response (" + NetworkError + ")";
        var text = $"{Method} {PathAndQuery} -> {outcome} in {Duration.TotalMilliseconds:0} ms";
        if (Attempt > 1)
        {
            text += $", attempt {Attempt}";
        }

        if (IdempotentReplayed)
        {
            text += ", replayed for idempotency key " + IdempotencyKey;
        }

        if (RetryAfter is { } delay)
        {
            text += $"; retrying in {delay.TotalSeconds:0.0#} s";
        }

        return text;
    }
}
