using System.Collections.Concurrent;

namespace BalanceTools.Client;

/// <summary>
/// The deliberate process-wide resource: one <see cref="AdaptiveRateLimiter"/> per key, connected account and
/// <see cref="RequestBudget"/> (reads and writes apart), so every client, cmdlet and runspace of the process that uses
/// them shares one budget of each kind, as Stripe counts it. The
/// dictionary is keyed by the key's <see cref="StripeApiKey.Fingerprint"/>, never by the key itself.
/// </summary>
public static class RateLimiterRegistry
{
    // Lazy, so that two threads asking at once for a new key build one limiter (and one replenishment timer), not two.
    private static readonly ConcurrentDictionary<string, Lazy<AdaptiveRateLimiter>> Limiters = new(StringComparer.Ordinal);

    /// <summary>
    /// The <paramref name="budget"/> limiter (reads and writes apart) for <paramref name="key"/> and
    /// <paramref name="account"/> at <paramref name="requestsPerSecond"/>, or null when the rate is not positive and
    /// finite (no limit). There is only ever one limiter per key, account and budget, so no caller gets a fresh, full
    /// bucket by asking for another rate: a different rate is set on the limiter in place, and the most recent setting
    /// applies to every caller, because they all spend Stripe's one budget and the latest setting is the one made with
    /// the latest knowledge of it. Nothing is ever dropped, so nothing needs disposing: a limiter lives as long as the
    /// process.
    /// </summary>
    public static AdaptiveRateLimiter? For(StripeApiKey key, string? account, RequestBudget budget, double requestsPerSecond)
    {
        if (key is null)
        {
            throw new ArgumentNullException(nameof(key));
        }

        if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
        {
            return null;
        }

        var limiter = Limiters.GetOrAdd(key.Fingerprint + "|" + account + "|" + budget, _ => new Lazy<AdaptiveRateLimiter>(() => new AdaptiveRateLimiter(requestsPerSecond))).Value;
        limiter.Configure(requestsPerSecond);
        return limiter;
    }
}
