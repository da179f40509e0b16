namespace BalanceTools.Benchmarks;

/// <summary>One measured export: what ran, what the child process saw, and what the server's journal says of it.</summary>
public sealed record ExportRun(ExportScenario Scenario, ExportMeasurement Measurement, RequestTally Requests)
{
    /// <summary>Runs <paramref name="scenario"/> in its own process against <paramref name="account"/>'s server.</summary>
    public static async Task<ExportRun> MeasureAsync(SeededAccount account, ExportScenario scenario)
    {
        var measurement = await scenario.MeasureAsync(account.Server.BaseUri, account.Server.ApiKey);
        return new ExportRun(scenario, measurement, RequestTally.For(account.Server.Requests, scenario.Account));
    }

    /// <summary>The admitted rate as a share of the client's own limit, the rate the run could at best reach.</summary>
    public double ShareOfLimit => Requests.AdmittedPerSecond / Scenario.MaxRequestsPerSecond;
}
