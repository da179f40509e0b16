using System.Diagnostics;
using System.Text.Json;

namespace BalanceTools.Benchmarks;

/// <summary>What one run of a scenario cost, measured inside the process that ran it.</summary>
public sealed record Measurement(
    int Objects,
    double Seconds,
    double FirstObjectMilliseconds,
    double AllocatedBytesPerObject,
    long PeakWorkingSetBytes)
{
    public double ObjectsPerSecond => Objects / Seconds;

    /// <summary>Runs the scenario once after a small warm-up read (so JIT compilation is not measured).</summary>
    public static async Task<Measurement> RunAsync(Scenario scenario, Scenario warmUp, Uri baseUri, string apiKey)
    {
        await warmUp.ReadAsync(baseUri, apiKey, () => { });
        GC.Collect();
        GC.WaitForPendingFinalizers();

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var firstObject = TimeSpan.Zero;
        var objects = await scenario.ReadAsync(baseUri, apiKey, () =>
        {
            if (firstObject == TimeSpan.Zero)
            {
                firstObject = stopwatch.Elapsed;
            }
        });
        var elapsed = stopwatch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new Measurement(objects, elapsed.TotalSeconds, firstObject.TotalMilliseconds, (double)allocated / Math.Max(1, objects), process.PeakWorkingSet64);
    }

    public string ToJson() => JsonSerializer.Serialize(this);

    public static Measurement FromJson(string json) => JsonSerializer.Deserialize<Measurement>(json)!;
}
