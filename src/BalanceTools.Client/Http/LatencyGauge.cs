namespace BalanceTools.Client;

/// <summary>
/// How long Stripe takes to answer, smoothed over the recent requests of one client: from the moment a request
/// leaves (after the rate limiter let it go) to its answer, so time spent waiting for the limiter never counts.
/// </summary>
internal sealed class LatencyGauge
{
    // A weight of a fifth follows a change of latency within about ten requests and is not thrown by one slow answer.
    private const double Weight = 0.2;

    private readonly object sync = new();
    private double smoothedSeconds;
    private bool measured;

    /// <summary>The smoothed latency, or null before any answer arrived.</summary>
    public TimeSpan? Current
    {
        get
        {
            lock (sync)
            {
                return measured ? TimeSpan.FromSeconds(smoothedSeconds) : null;
            }
        }
    }

    /// <summary>An answer arrived <paramref name="elapsed"/> after its request left.</summary>
    public void Record(TimeSpan elapsed)
    {
        lock (sync)
        {
            smoothedSeconds = measured ? smoothedSeconds + (Weight * (elapsed.TotalSeconds - smoothedSeconds)) : elapsed.TotalSeconds;
            measured = true;
        }
    }
}
