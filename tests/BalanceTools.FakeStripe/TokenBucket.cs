using System.Diagnostics;

namespace BalanceTools.FakeStripe;

/// <summary>
/// A token bucket holding one second's worth of tokens (at least one, so rates below 1/s still admit a request),
/// refilled continuously, starting full or empty. Not thread-safe: its owner serialises access.
/// </summary>
internal sealed class TokenBucket
{
    // The capacity is only known once a rate is applied, so "full" is stored as infinity and clamped.
    private double _tokens;
    private long _refilledAt = Stopwatch.GetTimestamp();

    /// <param name="startEmpty">True for a bucket that has only what it refills (a caller meeting a limiter that others
    /// have drained); false for one that starts with a second's worth.</param>
    public TokenBucket(bool startEmpty) => _tokens = startEmpty ? 0 : double.PositiveInfinity;

    /// <summary>Refills for the time elapsed at <paramref name="ratePerSecond"/> and says whether a whole token is there.</summary>
    public bool HasToken(double ratePerSecond, long now)
    {
        if (double.IsPositiveInfinity(ratePerSecond))
        {
            return true;
        }

        var elapsed = Math.Max(0, now - _refilledAt) / (double)Stopwatch.Frequency;
        _tokens = Math.Min(Math.Max(1, ratePerSecond), _tokens + (elapsed * ratePerSecond));
        _refilledAt = now;
        return _tokens >= 1;
    }

    /// <summary>Takes the token <see cref="HasToken"/> found; a no-op for an unlimited rate.</summary>
    public void Take(double ratePerSecond)
    {
        if (!double.IsPositiveInfinity(ratePerSecond))
        {
            _tokens -= 1;
        }
    }
}
