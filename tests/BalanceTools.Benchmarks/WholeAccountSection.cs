using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// The whole-account export at Stripe's rate limits: every customer of an account listed with several throttle
/// limits, under Stripe's default limit and under a raised one, with what the server saw and what reached the user;
/// then an account with one big customer, and that customer alone (<see cref="BigCustomerTable"/>).
/// </summary>
public sealed class WholeAccountSection
{
    private const double TargetShareOfLimit = 0.9;
    private const double TargetSpeedUp = 8;
    private const double TargetRefusedShare = 0.02;

    private readonly bool smoke;
    private readonly TextWriter output;

    public WholeAccountSection(bool smoke, TextWriter output)
    {
        this.smoke = smoke;
        this.output = output;
    }

    private int Customers => smoke ? 10 : 200;

    // Stripe's default: 25 requests/s for each endpoint, 100/s in all (live mode). Stripe does not publish the size of
    // its concurrency limiter; 20 requests in flight is an assumption, well above the 25/s × 0.15 s ≈ 4 the rate
    // needs, so that only a client that bursts far ahead of its rate meets it.
    private RateSetting DefaultLimit => new(
        "Stripe's default limit, 25 requests/s",
        TimeSpan.FromMilliseconds(smoke ? 20 : 150),
        StripeDefaultLimits,
        25,
        smoke ? WithDefault(1) : WithDefault(1, 4, 8, 16));

    // An account whose limits Stripe raised to 100 requests/s, at the slow end of real latencies: 100/s × 0.3 s needs
    // 30 requests in flight, and a customer's pages come one after another (each needs the previous one's cursor), so
    // the throttle limit, not the rate, sets the pace here; 16 shows where between 8 and 32 it stops doing so. The
    // default concurrency is the row judged.
    private RateSetting RaisedLimit => new(
        "A limit raised to 100 requests/s",
        TimeSpan.FromMilliseconds(smoke ? 40 : 300),
        () => new FakeRateLimits { GlobalPerSecond = 100, PerEndpointPerSecond = 100 },
        100,
        WithDefault(1, 8, 16, 32));

    // The strictest limiter a client can meet at its own nominal rate: a token bucket holding one second's worth,
    // refilled continuously, nothing else in the way; empty at the start (as when others with the same key have just
    // spent it) or full. Stripe publishes neither the shape nor the size of its buckets.
    private RateSetting StrictLimit(bool empty) => new(
        $"A strict limiter at 25 requests/s, buckets {(empty ? "empty" : "full")} at the start",
        TimeSpan.FromMilliseconds(smoke ? 20 : 100),
        () => new FakeRateLimits { GlobalPerSecond = 25, PerEndpointPerSecond = 25, BucketsStartEmpty = empty },
        25,
        smoke ? WithDefault() : WithDefault(8));

    /// <summary>Stripe's default limits, also those of the big-customer table.</summary>
    public static FakeRateLimits StripeDefaultLimits() =>
        new() { GlobalPerSecond = 100, PerEndpointPerSecond = 25, MaxConcurrentRequests = 20 };

    /// <summary>The throttle limits to compare, ascending, 1 (the baseline) first, then the default concurrency (null), which the engine sizes itself.</summary>
    private static int?[] WithDefault(params int[] throttleLimits) =>
        throttleLimits.Select(limit => (int?)limit).Append(null).ToArray();

    public async Task<bool> RunAsync()
    {
        var counts = AccountPopulation.TransactionCounts(Customers);
        var defaultLimit = DefaultLimit;
        var raisedLimit = RaisedLimit;
        await using var atDefault = await SeededAccount.StartAsync(defaultLimit, counts);
        await using var atRaised = await SeededAccount.StartAsync(raisedLimit, counts);

        output.WriteLine($"## Whole-account export at Stripe's rate limits: {Customers} customers, 0 to {AccountPopulation.MaxTransactions} transactions each (mean {counts.Average():0}, {counts.Sum():N0} in all)");
        output.WriteLine();
        output.WriteLine("Every customer listed through `BalanceExport.ForAllCustomers` (what `-AllCustomers` runs), each run in its own process with its own `Stripe-Account`, so neither the client's process-wide limiter nor the server's buckets carry over between runs. "
            + "Requests/s is what the server admitted from its first arrival to its last answer (both sides' buckets start full, so one second's worth goes at once and a short run can average a little above the limit); 429s sent by the server were retried by the client, 429s reaching the user are customers that failed with one. "
            + "\"default\" is the export's default concurrency, what a command without -ThrottleLimit runs, and it is the row each table is judged by. "
            + $"The sequential run under the raised limit (ThrottleLimit 1 at {raisedLimit.Latency.TotalMilliseconds:0} ms) runs while the first table's runs do, against its own server: it waits on latency nearly all the time, as the rate-limited runs wait on their limiter, so neither slows the other, and the benchmark is minutes shorter.");
        output.WriteLine();

        var raisedBaseline = MeasureAsync(atRaised, raisedLimit, raisedLimit.ThrottleLimits[0]);
        var defaultMet = await SettingAsync(atDefault, defaultLimit, MeasureAsync(atDefault, defaultLimit, defaultLimit.ThrottleLimits[0]), judgeSpeedUp: false);
        var raisedMet = await SettingAsync(atRaised, raisedLimit, raisedBaseline, judgeSpeedUp: true);
        var strictMet = true;
        foreach (var empty in new[] { true, false })
        {
            var strict = StrictLimit(empty);
            await using var atStrict = await SeededAccount.StartAsync(strict, counts);
            strictMet &= await SettingAsync(atStrict, strict, MeasureAsync(atStrict, strict, strict.ThrottleLimits[0]), judgeSpeedUp: false);
        }

        var bigCustomerMet = await new BigCustomerTable(smoke, output).RunAsync();
        return defaultMet && raisedMet && strictMet && bigCustomerMet;
    }

    /// <param name="baselineRun">The run of the first throttle limit (the sequential baseline), already started.</param>
    private async Task<bool> SettingAsync(SeededAccount account, RateSetting setting, Task<ExportRun> baselineRun, bool judgeSpeedUp)
    {
        var baseline = await baselineRun;
        output.WriteLine($"### {setting.Title}, {setting.Latency.TotalMilliseconds:0} ms latency");
        output.WriteLine();
        output.WriteLine($"Server: {RateSetting.Describe(setting.ServerLimits())}; client: MaxRequestsPerSecond {setting.ClientRequestsPerSecond:0.#}. "
            + $"Fewest requests: {account.MinimumRequests:N0} (customer pages, plus one per started page of 100 for each customer, at least one).");
        output.WriteLine();
        output.WriteLine($"| ThrottleLimit | wall time | requests/s | of the limit | 429s sent by the server | 429s reaching the user | requests (fewest) | rows | every row once, in order | peak working set | speed-up vs {ExportScenario.Label(setting.ThrottleLimits[0])} |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
        var runs = new List<ExportRun> { baseline };
        foreach (var throttle in setting.ThrottleLimits.Skip(1))
        {
            runs.Add(await MeasureAsync(account, setting, throttle));
        }

        foreach (var run in runs)
        {
            output.WriteLine($"| {ExportScenario.Label(run.Scenario.ThrottleLimit)} "
                + $"| {run.Measurement.Seconds:0.0} s | {run.Requests.AdmittedPerSecond:0.0} | {run.ShareOfLimit * 100:0}% | {run.Requests.RateLimited:N0} | {run.Measurement.RateLimitedFailures:N0} "
                + $"| {run.Requests.Admitted:N0} ({account.MinimumRequests:N0}) | {run.Measurement.Rows:N0} | {(run.Measurement.EveryRowOnceInOrder(account.Expected) ? "yes" : "NO")} "
                + $"| {run.Measurement.PeakMegabytes:0.0} MB | {baseline.Measurement.Seconds / run.Measurement.Seconds:0.0}x |");
        }

        output.WriteLine();
        var verdicts = new List<string>();
        var byDefault = runs.Single(r => r.Scenario.ThrottleLimit is null);
        var defaultLabel = $"ThrottleLimit {ExportScenario.Label(null)}";
        verdicts.Add(Verdict($"{defaultLabel}: {byDefault.Requests.AdmittedPerSecond:0.0} requests/s = {byDefault.ShareOfLimit * 100:0}% of the limit (target >= {TargetShareOfLimit * 100:0}%)", byDefault.ShareOfLimit >= TargetShareOfLimit));
        if (judgeSpeedUp)
        {
            var speedUp = baseline.Measurement.Seconds / byDefault.Measurement.Seconds;
            verdicts.Add(Verdict($"{defaultLabel}: {speedUp:0.0}x ThrottleLimit {ExportScenario.Label(baseline.Scenario.ThrottleLimit)} (target >= {TargetSpeedUp:0}x)", speedUp >= TargetSpeedUp));
            if (speedUp < TargetSpeedUp)
            {
                // The target is the account's, not the default's: say which measured throttle meets it, if any does.
                var enough = runs.FirstOrDefault(r => baseline.Measurement.Seconds / r.Measurement.Seconds >= TargetSpeedUp);
                verdicts.Add(enough is null
                    ? $"  no throttle limit measured here reaches {TargetSpeedUp:0}x"
                    : $"  the first throttle limit measured here that reaches it: ThrottleLimit {ExportScenario.Label(enough.Scenario.ThrottleLimit)}, {baseline.Measurement.Seconds / enough.Measurement.Seconds:0.0}x");
            }
        }

        var refused = runs.Sum(r => r.Requests.RateLimited);
        var sent = runs.Sum(r => r.Requests.Admitted + r.Requests.RateLimited);
        verdicts.Add(Verdict($"429s sent by the server: {refused} of {sent} requests = {100.0 * refused / Math.Max(1, sent):0.0}% over all runs (target < {TargetRefusedShare * 100:0}%)", refused < TargetRefusedShare * sent));
        var reachingUser = runs.Sum(r => r.Measurement.RateLimitedFailures);
        verdicts.Add(Verdict($"429s that reached the user: {reachingUser} over all runs (target 0)", reachingUser == 0));
        verdicts.Add(Verdict($"requests admitted = the fewest possible ({account.MinimumRequests:N0}) in every run", runs.All(r => r.Requests.Admitted == account.MinimumRequests)));
        verdicts.Add(Verdict($"every row exactly once and in order ({account.Transactions:N0} rows, each customer's contiguous and in the server's order) in every run", runs.All(r => r.Measurement.EveryRowOnceInOrder(account.Expected))));
        foreach (var failed in runs.Where(r => r.Measurement.FirstFailure is not null))
        {
            verdicts.Add($"  ThrottleLimit {ExportScenario.Label(failed.Scenario.ThrottleLimit)}: {failed.Measurement.RateLimitedFailures + failed.Measurement.OtherFailures} customers failed, first {failed.Measurement.FirstFailure}");
        }

        verdicts.ForEach(output.WriteLine);
        output.WriteLine();
        account.Server.Requests.Clear();
        return verdicts.All(v => !v.StartsWith("- MISS", StringComparison.Ordinal));
    }

    private static Task<ExportRun> MeasureAsync(SeededAccount account, RateSetting setting, int? throttleLimit) =>
        ExportRun.MeasureAsync(account, ExportScenario.Fresh(throttleLimit, setting.ClientRequestsPerSecond));

    private static string Verdict(string text, bool met) => (met ? "- PASS " : "- MISS ") + text;
}
