namespace BalanceTools.FakeStripe;

/// <summary>The per-request latency, changeable while requests are running.</summary>
internal sealed class LatencySetting(TimeSpan initial)
{
    private long _ticks = initial.Ticks;

    public TimeSpan Value
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _ticks, value.Ticks);
        }
    }
}
