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
    private static readonly ConcurrentDictionary<string, AdaptiveRateLimiter> Limiters = new(StringComparer.Ordinal);

    /// <summary>
    /// The <paramref name="budget"/> limiter for <paramref name="key"/> and <paramref name="account"/> at <paramref name="requestsPerSecond"/>,
    /// or null when the rate is not positive and finite (no limit). A different rate replaces the limiter for
    /// calls made from then on: the most recent setting applies.
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

        return Limiters.AddOrUpdate(
            key.Fingerprint + "|" + account + "|" + budget,
            _ => new AdaptiveRateLimiter(requestsPerSecond),
            (_, existing) => existing.RequestsPerSecond == requestsPerSecond ? existing : new AdaptiveRateLimiter(requestsPerSecond));
    }
}
