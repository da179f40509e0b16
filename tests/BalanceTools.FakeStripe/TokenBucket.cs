using System.Diagnostics;

namespace BalanceTools.FakeStripe;

/// <summary>
/// A token bucket holding one second's worth of tokens (at least one, so rates below 1/s still admit a request),
/// refilled continuously. Not thread-safe: its owner serialises access.
/// </summary>
internal sealed class TokenBucket
{
    // Starts full; the capacity is only known once a rate is applied, so "full" is stored as infinity and clamped.
    private double _tokens = double.PositiveInfinity;
    private long _refilledAt = Stopwatch.GetTimestamp();

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
