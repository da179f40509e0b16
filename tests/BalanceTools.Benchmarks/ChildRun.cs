using System.Diagnostics;
using System.Globalization;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Runs one measurement in a fresh process of this program, so that peak working set and allocations belong to
/// that run alone and no JIT or pool state carries over from the previous one.
/// </summary>
public static class ChildRun
{
    public const string Verb = "measure";
    private const string ResultPrefix = "RESULT ";

    public static async Task<Measurement> MeasureAsync(Scenario scenario, Scenario warmUp, Uri baseUri, string apiKey)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildRun).Assembly.Location);
        }

        foreach (var argument in Arguments(scenario, warmUp, baseUri, apiKey))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"Measurement process failed ({process.ExitCode}): {errors}{output}");
        }

        return Measurement.FromJson(line.Substring(ResultPrefix.Length));
    }

    /// <summary>The child's side: parse the arguments, measure, print the result line.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var reader = Enum.Parse<Reader>(args[1]);
        var cost = TimeSpan.FromTicks(long.Parse(args[4], CultureInfo.InvariantCulture));
        var scenario = new Scenario(reader, args[2], int.Parse(args[3], CultureInfo.InvariantCulture), cost);
        var warmUp = scenario with { Customer = args[5], Expected = 0, CostPerObject = TimeSpan.Zero };
        var measurement = await Measurement.RunAsync(scenario, warmUp, new Uri(args[6]), args[7]);
        Console.WriteLine(ResultPrefix + measurement.ToJson());
        return 0;
    }

    private static IEnumerable<string> Arguments(Scenario scenario, Scenario warmUp, Uri baseUri, string apiKey) => new[]
    {
        Verb,
        scenario.Reader.ToString(),
        scenario.Customer,
        scenario.Expected.ToString(CultureInfo.InvariantCulture),
        scenario.CostPerObject.Ticks.ToString(CultureInfo.InvariantCulture),
        warmUp.Customer,
        baseUri.ToString(),
        apiKey,
    };
}
