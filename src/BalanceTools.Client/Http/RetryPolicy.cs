using System.Globalization;

namespace BalanceTools.Client;

/// <summary>
/// Decides whether an attempt is retried and how long to wait, following Stripe's SDKs: connection failures,
/// timeouts, 409 and 5xx are retried; <c>Stripe-Should-Retry</c> overrides the status either way. A 429 is retried
/// from its own, larger budget (Stripe's advice is to back off and try again): a read changes nothing, and a write
/// carries the same idempotency key on every attempt, so Stripe applies it once however often it is sent; a caller
/// may still ask for a write's 429 to be reported at once (<see cref="StripeClientOptions.RetryOnRateLimit"/> false).
/// Back-off is <c>min(initial * 2^(n-1), max)</c>, jittered to between half
/// and all of it so that many clients failing together do not retry together, and never shorter than
/// <c>Retry-After</c> (itself capped).
/// </summary>
internal sealed class RetryPolicy
{
    private readonly StripeClientOptions options;
    private readonly Random random = new();

    public RetryPolicy(StripeClientOptions options) => this.options = options;

    /// <summary>The wait before the next attempt, counting it against <paramref name="budget"/>; null when the outcome stands.</summary>
    public TimeSpan? NextDelay(AttemptOutcome outcome, bool isWrite, CallSettings settings, RetryBudget budget)
    {
        if (outcome.Status == 429 && (!isWrite || settings.RetryOnRateLimit) && outcome.Header("Stripe-Should-Retry") != "false")
        {
            return budget.RateLimitedRetries < settings.MaxRateLimitRetries
                ? Delay(++budget.RateLimitedRetries, outcome.Header("Retry-After"))
                : null;
        }

        return ShouldRetry(outcome, budget.FailureRetries + 1, settings)
            ? Delay(++budget.FailureRetries, outcome.Header("Retry-After"))
            : null;
    }

    private static bool ShouldRetry(AttemptOutcome outcome, int attempt, CallSettings settings)
    {
        if (attempt > settings.MaxNetworkRetries || outcome.IsSuccess || outcome.ProxyAuthenticationRequired)
        {
            return false;
        }

        if (!outcome.ReceivedResponse)
        {
            return true;
        }

        switch (outcome.Header("Stripe-Should-Retry"))
        {
            case "true":
                return true;
            case "false":
                return false;
        }

        return outcome.Status switch
        {
            409 => true,
            >= 500 => true,
            _ => false,
        };
    }

    internal TimeSpan Delay(int attempt, string? retryAfterHeader)
    {
        var doublings = Math.Min(attempt - 1, 20);
        var backoff = Math.Min(options.InitialRetryDelay.Ticks << doublings, options.MaxRetryDelay.Ticks);
        double jitter;
        lock (random)
        {
            jitter = 0.5 + (random.NextDouble() * 0.5);
        }

        var delay = TimeSpan.FromTicks((long)(backoff * jitter));
        var retryAfter = ParseRetryAfter(retryAfterHeader);
        if (retryAfter is { } serverDelay)
        {
            var capped = serverDelay > options.MaxRetryAfter ? options.MaxRetryAfter : serverDelay;
            delay = capped > delay ? capped : delay;
        }

        return delay;
    }

    internal static TimeSpan? ParseRetryAfter(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at - DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}

/// <summary>The retries one logical request has used, by kind.</summary>
internal sealed class RetryBudget
{
    public int FailureRetries { get; set; }

    public int RateLimitedRetries { get; set; }
}
