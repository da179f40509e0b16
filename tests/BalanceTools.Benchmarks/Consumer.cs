using System.Diagnostics;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Stands in for what a pipeline does with each object (Export-Csv formats and writes it): a fixed amount of CPU
/// work per object, spun rather than slept so that it is exact at sub-millisecond costs.
/// </summary>
public static class Consumer
{
    public static void Work(TimeSpan costPerObject)
    {
        if (costPerObject <= TimeSpan.Zero)
        {
            return;
        }

        var until = Stopwatch.GetTimestamp() + (long)(costPerObject.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < until)
        {
            Thread.SpinWait(20);
        }
    }
}
