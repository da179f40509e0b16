using System.Globalization;

namespace BalanceTools.Benchmarks;

/// <summary>One reader's measurement (<see cref="Scenario"/>) in a child process: both sides of the command line.</summary>
public static class ChildRun
{
    public const string Verb = "measure";

    public static async Task<Measurement> MeasureAsync(Scenario scenario, Scenario warmUp, Uri baseUri, string apiKey) =>
        Measurement.FromJson(await ChildProcess.RunAsync(Arguments(scenario, warmUp, baseUri, apiKey)));

    /// <summary>The child's side: parse the arguments, measure, print the result line.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var reader = Enum.Parse<Reader>(args[1]);
        var cost = TimeSpan.FromTicks(long.Parse(args[4], CultureInfo.InvariantCulture));
        var scenario = new Scenario(reader, args[2], int.Parse(args[3], CultureInfo.InvariantCulture), cost);
        var warmUp = scenario with { Customer = args[5], Expected = 0, CostPerObject = TimeSpan.Zero };
        var measurement = await Measurement.RunAsync(scenario, warmUp, new Uri(args[6]), args[7]);
        Console.WriteLine(ChildProcess.ResultPrefix + measurement.ToJson());
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
