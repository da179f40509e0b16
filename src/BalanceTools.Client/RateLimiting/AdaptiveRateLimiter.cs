using System.Threading.RateLimiting;

namespace BalanceTools.Client;

/// <summary>
/// A client-side limit on requests per second, shared by every caller that uses one key and account. Built on
/// <see cref="TokenBucketRateLimiter"/> (a burst of one second's requests, then the steady rate, waiters served
/// oldest first), and adaptive as Stripe advises: every 429 halves the rate (to a sixteenth at most, and not below one a second), and each second without one gives
/// back a quarter of what was taken, up to the configured rate.
/// </summary>
/// <remarks>
/// The rate changes without replacing the bucket: a request costs several tokens, twice as many after each 429, so
/// the bucket itself never needs reconfiguring while callers wait on it.
/// </remarks>
public sealed class AdaptiveRateLimiter
{
    private const int FullRateCost = 8;
    private const int MostHalvings = 16;
    private static readonly TimeSpan RecoveryStep = TimeSpan.FromSeconds(1);

    private readonly object gate = new();
    private readonly TokenBucketRateLimiter bucket;
    private readonly int slowestCost;
    private int cost = FullRateCost;
    private DateTimeOffset lastChange = DateTimeOffset.MinValue;

    internal AdaptiveRateLimiter(double requestsPerSecond)
    {
        RequestsPerSecond = requestsPerSecond;

        // The bucket holds one second of requests, and the slowest request must fit in it: so the rate drops to a
        // sixteenth at most, and never below one request a second.
        slowestCost = FullRateCost * Math.Max(1, Math.Min(MostHalvings, (int)Math.Floor(requestsPerSecond)));
        var tokensPerSecond = requestsPerSecond * FullRateCost;
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(tokensPerSecond / 20));
        bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(slowestCost, (int)Math.Ceiling(tokensPerSecond)),
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / tokensPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>The configured rate: the most this limiter allows.</summary>
    public double RequestsPerSecond { get; }

    /// <summary>The rate allowed now, lower than <see cref="RequestsPerSecond"/> for a while after a 429.</summary>
    public double CurrentRequestsPerSecond
    {
        get
        {
            lock (gate)
            {
                Recover();
                return RequestsPerSecond * FullRateCost / cost;
            }
        }
    }

    /// <summary>How many 429 answers slowed this limiter down.</summary>
    public int RateLimitedCount { get; private set; }

    /// <summary>Waits until one more request may be sent.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        int permits;
        lock (gate)
        {
            Recover();
            permits = cost;
        }

        using var lease = await bucket.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            throw new InvalidOperationException("The request rate limiter refused a request it should have queued.");
        }
    }

    /// <summary>Stripe answered 429: halve the rate.</summary>
    public void OnRateLimited()
    {
        lock (gate)
        {
            Recover();
            cost = Math.Min(slowestCost, cost * 2);
            lastChange = DateTimeOffset.UtcNow;
            RateLimitedCount++;
        }
    }

    private void Recover()
    {
        var now = DateTimeOffset.UtcNow;
        while (cost > FullRateCost && now - lastChange >= RecoveryStep)
        {
            cost = Math.Max(FullRateCost, cost - Math.Max(1, cost / 4));
            lastChange += RecoveryStep;
        }
    }
}
