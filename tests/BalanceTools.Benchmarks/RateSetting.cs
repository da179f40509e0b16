using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// One set of conditions for the whole-account benchmark: the server's latency and rate limits, the client's own
/// limit, and the throttle limits compared under them.
/// </summary>
/// <param name="Title">Heading of its table.</param>
/// <param name="Latency">Added by the server to every request, as Stripe's own processing time is.</param>
/// <param name="ServerLimits">Builds the server's limiters (a fresh instance per server; each run's own account gets fresh buckets).</param>
/// <param name="ClientRequestsPerSecond">The client's <c>MaxRequestsPerSecond</c>, set to what the server allows.</param>
/// <param name="ThrottleLimits">
/// Compared against each other; the first is the sequential baseline, and null is the engine's default concurrency,
/// which it sizes itself.
/// </param>
public sealed record RateSetting(
    string Title,
    TimeSpan Latency,
    Func<FakeRateLimits> ServerLimits,
    double ClientRequestsPerSecond,
    IReadOnlyList<int?> ThrottleLimits)
{
    public static string Describe(FakeRateLimits limits) =>
        $"{limits.PerEndpointPerSecond:0.#} requests/s per endpoint, {limits.GlobalPerSecond:0.#}/s in all, "
        + (limits.MaxConcurrentRequests > 0 ? $"at most {limits.MaxConcurrentRequests} requests in flight" : "no limit on requests in flight")
        + (limits.SendRetryAfter ? ", 429s with Retry-After" : ", 429s without Retry-After")
        + (limits.BucketsStartEmpty ? ", buckets empty at the start" : ", buckets full at the start");
}
