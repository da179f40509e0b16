namespace BalanceTools.FakeStripe;

/// <summary>The per-request latency and its random jitter, changeable while requests are running.</summary>
internal sealed class LatencySetting(TimeSpan initial, TimeSpan initialJitter)
{
    private long _ticks = NonNegative(initial).Ticks;
    private long _jitterTicks = NonNegative(initialJitter).Ticks;

    public TimeSpan Value
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
        set => Interlocked.Exchange(ref _ticks, NonNegative(value).Ticks);
    }

    /// <summary>Each request waits <see cref="Value"/> plus a uniformly random extra in <c>[0, Jitter)</c>.</summary>
    public TimeSpan Jitter
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _jitterTicks));
        set => Interlocked.Exchange(ref _jitterTicks, NonNegative(value).Ticks);
    }

    /// <summary>The delay for one request.</summary>
    public TimeSpan Next()
    {
        var jitter = Interlocked.Read(ref _jitterTicks);
        var extra = jitter > 0 ? Random.Shared.NextInt64(jitter) : 0;
        return TimeSpan.FromTicks(Interlocked.Read(ref _ticks) + extra);
    }

    private static TimeSpan NonNegative(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        return value;
    }
}
