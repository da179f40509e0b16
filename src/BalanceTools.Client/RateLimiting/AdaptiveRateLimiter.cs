using System.Diagnostics;
using System.Threading.RateLimiting;

namespace BalanceTools.Client;

/// <summary>
/// A client-side limit on requests per second, shared by every caller that uses one key and account, that holds
/// Stripe's ceiling through its 429s. Requests are paced by a <see cref="TokenBucketRateLimiter"/> (waiters served
/// oldest first, bursts of a tenth of a second at most) at a steady aim just under the configured rate. A 429 lowers
/// the rate by a multiplicative step, at most once per window (a second, or the <c>Retry-After</c> Stripe gave,
/// whichever is longer), because the 429s that many requests in flight meet together all answer one overshoot; after
/// the window the rate climbs back by a fixed share of the configured rate each second (additive increase,
/// multiplicative decrease, as TCP does it).
/// </summary>
/// <remarks>
/// Neither a change of rate nor a 429 replaces the bucket, which would hand out a fresh burst: the bucket's token rate
/// is fixed when it is made and a request costs more or fewer tokens instead, so callers waiting on the bucket keep
/// their places. A request that costs more tokens than the bucket holds takes them in turns.
/// </remarks>
public sealed class AdaptiveRateLimiter
{
    /// <summary>The share of the configured rate aimed at: Stripe's buckets are not published, and one at the same nominal rate refuses a client that runs exactly at it.</summary>
    public const double SteadyShare = 0.95;

    /// <summary>What one decrease leaves of the rate.</summary>
    public const double DecreaseFactor = 0.75;

    /// <summary>The share of the configured rate given back each second after a window without a decrease.</summary>
    public const double RecoveryPerSecond = 0.1;

    /// <summary>The lowest rate, as a share of the configured one.</summary>
    public const double SlowestShare = 1.0 / 16;

    // Tokens a request costs at the rate the limiter was made with; fine enough to express any rate in between.
    private const int TokensPerRequestAtCreation = 1_000;
    private static readonly TimeSpan ReplenishmentPeriod = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan BurstLength = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ShortestWindow = TimeSpan.FromSeconds(1);

    private readonly object gate = new();
    private readonly TokenBucketRateLimiter bucket;
    private readonly double tokensPerSecond;
    private readonly int tokenLimit;
    private readonly Func<long> clock;
    private double configured;

    // The rate set by the last decrease, and the end of its window (Stopwatch ticks); the rate climbs back from there.
    private double decreasedTo;
    private long windowEnds;

    internal AdaptiveRateLimiter(double requestsPerSecond)
        : this(requestsPerSecond, Stopwatch.GetTimestamp)
    {
    }

    internal AdaptiveRateLimiter(double requestsPerSecond, Func<long> clock)
    {
        this.clock = clock;
        configured = requestsPerSecond;
        decreasedTo = Aim;
        windowEnds = clock();
        tokensPerSecond = requestsPerSecond * TokensPerRequestAtCreation;
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(tokensPerSecond * ReplenishmentPeriod.TotalSeconds));
        tokenLimit = Math.Max(tokensPerPeriod, (int)Math.Ceiling(tokensPerSecond * BurstLength.TotalSeconds));
        bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = tokenLimit,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / tokensPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

        // Start empty: Stripe's buckets for this key may be as empty as a limiter that others have just drained, and a
        // burst they cannot take would cost a decrease and the back-off of every request in it.
        using var drained = bucket.AttemptAcquire(tokenLimit);
    }

    /// <summary>The configured rate: the most this limiter allows.</summary>
    public double RequestsPerSecond
    {
        get
        {
            lock (gate)
            {
                return configured;
            }
        }
    }

    /// <summary>The rate allowed now: <see cref="SteadyShare"/> of the configured rate, lower for a while after a 429.</summary>
    public double CurrentRequestsPerSecond
    {
        get
        {
            lock (gate)
            {
                return Current(clock());
            }
        }
    }

    /// <summary>How many 429 answers this limiter was told of.</summary>
    public int RateLimitedCount { get; private set; }

    /// <summary>How many of them lowered the rate: at most one per window.</summary>
    public int DecreaseCount { get; private set; }

    private double Aim => configured * SteadyShare;

    /// <summary>Waits until one more request may be sent.</summary>
    public async ValueTask AcquireAsync(CancellationToken cancellationToken)
    {
        double rate;
        lock (gate)
        {
            rate = Current(clock());
        }

        var cost = Math.Max(1, (long)Math.Round(tokensPerSecond / rate));
        while (cost > 0)
        {
            var permits = (int)Math.Min(cost, tokenLimit);
            using var lease = await bucket.AcquireAsync(permits, cancellationToken).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new InvalidOperationException("The request rate limiter refused a request it should have queued.");
            }

            cost -= permits;
        }
    }

    /// <summary>
    /// Stripe answered 429: lowers the rate unless a decrease is already in its window, and opens a new window of a
    /// second or <paramref name="retryAfter"/>, whichever is longer.
    /// </summary>
    public void OnRateLimited(TimeSpan? retryAfter = null)
    {
        lock (gate)
        {
            RateLimitedCount++;
            var now = clock();
            if (now < windowEnds)
            {
                return;
            }

            decreasedTo = Math.Max(configured * SlowestShare, Current(now) * DecreaseFactor);
            var window = retryAfter is { } wait && wait > ShortestWindow ? wait : ShortestWindow;
            windowEnds = now + (long)(window.TotalSeconds * Stopwatch.Frequency);
            DecreaseCount++;
        }
    }

    /// <summary>
    /// Sets the configured rate in place; the latest setting applies to every caller of this key and account, since
    /// they share Stripe's one budget. A rate climbing back after a 429 keeps its share of the new rate.
    /// </summary>
    internal void Configure(double requestsPerSecond)
    {
        lock (gate)
        {
            if (requestsPerSecond == configured)
            {
                return;
            }

            var now = clock();
            decreasedTo = Current(now) / Aim * requestsPerSecond * SteadyShare;
            windowEnds = Math.Max(windowEnds, now);
            configured = requestsPerSecond;
        }
    }

    private double Current(long now)
    {
        if (now <= windowEnds)
        {
            return decreasedTo;
        }

        var seconds = (now - windowEnds) / (double)Stopwatch.Frequency;
        return Math.Min(Aim, decreasedTo + (seconds * RecoveryPerSecond * configured));
    }
}
