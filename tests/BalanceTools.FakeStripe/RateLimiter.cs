using System.Collections.Concurrent;
using System.Diagnostics;

namespace BalanceTools.FakeStripe;

/// <summary>
/// Stripe's limiters as the fake reproduces them, per caller (API key, plus <c>Stripe-Account</c> when sent): a
/// concurrency limit on requests in flight, then a global and a per-endpoint token bucket. The decision is made when a
/// request arrives, before the artificial latency, because that is when Stripe sees it.
/// </summary>
/// <remarks>
/// A request is admitted only if every limiter lets it through, and only then does it take a token from each bucket
/// and a concurrency slot: a refused request consumes nothing. So a client hammering through 429s does not push its
/// own recovery further out, and the admitted rate is exactly what the buckets allow; Stripe does not document
/// whether its refused requests count, and this choice keeps the fake's arithmetic predictable for tests.
/// </remarks>
internal sealed class RateLimiter(FakeRateLimits? initial)
{
    private readonly ConcurrentDictionary<string, Caller> _callers = new(StringComparer.Ordinal);
    private FakeRateLimits? _limits = initial;

    /// <summary>The limits in force, or null when requests are never refused; may be swapped while requests run.</summary>
    public FakeRateLimits? Limits
    {
        get => Volatile.Read(ref _limits);
        set => Volatile.Write(ref _limits, value);
    }

    public static string CallerOf(string apiKey, string account) => account.Length > 0 ? apiKey + "\n" + account : apiKey;

    /// <param name="caller">From <see cref="CallerOf"/>; null for a request without an accepted key, which is answered
    /// 401 and neither limited nor counted.</param>
    /// <param name="endpoint">From <see cref="ApiRoute.Endpoint"/>.</param>
    public Admission Admit(string? caller, string endpoint)
    {
        if (caller is null)
        {
            return Admission.Unlimited;
        }

        // In-flight counts are kept even while no limits are set, so limits switched on mid-run see the true count.
        return _callers.GetOrAdd(caller, static _ => new Caller()).Admit(Limits, endpoint, Stopwatch.GetTimestamp());
    }

    /// <summary>One caller's buckets and requests in flight.</summary>
    internal sealed class Caller
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, TokenBucket> _endpoints = new(StringComparer.Ordinal);
        private TokenBucket _global = new(startEmpty: false);
        private FakeRateLimits? _bucketsFor;
        private int _inFlight;

        public Admission Admit(FakeRateLimits? limits, string endpoint, long now)
        {
            lock (_gate)
            {
                if (limits is not null)
                {
                    if (!ReferenceEquals(limits, _bucketsFor))
                    {
                        // Newly assigned limits start with fresh buckets rather than inherit another setting's debt.
                        _bucketsFor = limits;
                        _global = new TokenBucket(limits.BucketsStartEmpty);
                        _endpoints.Clear();
                    }

                    // Read each setting once: another thread may change the instance while this request is decided.
                    var maxConcurrent = limits.MaxConcurrentRequests;
                    var globalRate = limits.GlobalPerSecond;
                    var endpointRate = limits.PerEndpointPerSecond;
                    if (maxConcurrent > 0 && _inFlight >= maxConcurrent)
                    {
                        return Admission.Refused(StripeErrors.TooManyConcurrentRequests(), limits.SendRetryAfter);
                    }

                    if (!_endpoints.TryGetValue(endpoint, out var endpointBucket))
                    {
                        endpointBucket = new TokenBucket(limits.BucketsStartEmpty);
                        _endpoints.Add(endpoint, endpointBucket);
                    }

                    // Both buckets are refilled before either is judged, so neither is left with stale time.
                    var globalHasToken = _global.HasToken(globalRate, now);
                    var endpointHasToken = endpointBucket.HasToken(endpointRate, now);
                    if (!globalHasToken || !endpointHasToken)
                    {
                        return Admission.Refused(StripeErrors.RateLimited(), limits.SendRetryAfter);
                    }

                    _global.Take(globalRate);
                    endpointBucket.Take(endpointRate);
                }

                _inFlight++;
                return Admission.Admitted(this);
            }
        }

        public void Release()
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }
}
