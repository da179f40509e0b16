namespace BalanceTools.Benchmarks;

/// <summary>
/// The whole-account export's hard case: an account of small customers with one big customer among them, and that
/// big customer alone, piped. A customer's list is one cursor chain, so a big customer listed page after page goes at
/// one request per latency (200 pages at 300 ms: a minute) while the rate limit would let its pages through in 8 s.
/// </summary>
public sealed class BigCustomerTable
{
    private const double TargetAccountShareOfLimit = 0.8;
    private const double MaxAccountRequestsOverFewest = 1.15;
    private const double MaxLoneTimeOverFewestAtLimit = 2;

    private readonly bool smoke;
    private readonly TextWriter output;

    public BigCustomerTable(bool smoke, TextWriter output)
    {
        this.smoke = smoke;
        this.output = output;
    }

    private int SmallCustomers => smoke ? 10 : 60;

    private int BigTransactions => smoke ? 2_000 : 20_000;

    // Stripe's default limit at the slow end of real latencies, where one cursor chain falls furthest below the rate.
    private RateSetting Setting => new(
        "One big customer at Stripe's default limit, 25 requests/s",
        TimeSpan.FromMilliseconds(smoke ? 20 : 300),
        WholeAccountSection.StripeDefaultLimits,
        25,
        [null]);

    public async Task<bool> RunAsync()
    {
        var setting = Setting;
        var counts = BigCustomerPopulation.TransactionCounts(SmallCustomers, BigTransactions);
        await using var account = await SeededAccount.StartAsync(setting, counts);
        await using var alone = await SeededAccount.StartAsync(setting, [BigTransactions]);
        var listingPosition = counts.Length - BigCustomerPopulation.BigIndex(SmallCustomers);
        var rate = setting.ClientRequestsPerSecond;
        var loneFewest = FewestRequests.ForCustomer(BigTransactions);

        output.WriteLine($"### {setting.Title}, {setting.Latency.TotalMilliseconds:0} ms latency");
        output.WriteLine();
        output.WriteLine($"Server: {RateSetting.Describe(setting.ServerLimits())}; client: MaxRequestsPerSecond {rate:0.#}; ThrottleLimit {ExportScenario.Label(null)}. "
            + $"The account: {SmallCustomers} customers of 0 to {BigCustomerPopulation.MaxSmallTransactions} transactions (fixed seed, {account.Transactions - BigTransactions:N0} in all) and one of {BigTransactions:N0}, "
            + $"at position {listingPosition} of {counts.Length} in the customers list (newest first), through `BalanceExport.ForAllCustomers` (`-AllCustomers`). "
            + $"The lone customer: one of {BigTransactions:N0} in an account of its own, added to `BalanceExport.ForCustomers` and read with `RemainingAsync`, as `Get-CustomerBalanceTransaction -All` does for a piped customer. "
            + "Every customer's transactions are one a second from its own created on. "
            + "Fewest requests: for the account, the customer pages plus one per started page of 100 for each customer, at least one; for the lone customer, its pages. "
            + $"\"Fewest at the limit\" is the time those take at {rate:0.#} requests/s.");
        output.WriteLine();

        var accountRun = await ExportRun.MeasureAsync(account, ExportScenario.Fresh(null, rate));
        var loneRun = await ExportRun.MeasureAsync(alone, ExportScenario.Fresh(null, rate, alone.Customers.Single()));

        output.WriteLine("| export | ThrottleLimit | wall time | requests/s | of the limit | 429s sent by the server | 429s reaching the user | requests (fewest) | fewest at the limit | rows | every row once, in order | peak working set |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        Row($"the account ({counts.Length} customers, one of {BigTransactions:N0})", accountRun, account, account.MinimumRequests, rate);
        Row("the big customer alone, piped", loneRun, alone, loneFewest, rate);
        output.WriteLine();

        var accountRequestsOverFewest = (double)accountRun.Requests.Admitted / account.MinimumRequests;
        var loneFewestSeconds = loneFewest / rate;
        var verdicts = new List<string>
        {
            Verdict($"the account: {accountRun.Requests.AdmittedPerSecond:0.0} requests/s = {accountRun.ShareOfLimit * 100:0}% of the limit (target >= {TargetAccountShareOfLimit * 100:0}%)", accountRun.ShareOfLimit >= TargetAccountShareOfLimit),
            Verdict($"the account: {accountRun.Requests.Admitted:N0} requests admitted = {accountRequestsOverFewest * 100:0}% of the fewest possible ({account.MinimumRequests:N0}) (target <= {MaxAccountRequestsOverFewest * 100:0}%)", accountRequestsOverFewest <= MaxAccountRequestsOverFewest),
            Verdict($"the lone customer: {loneRun.Measurement.Seconds:0.0} s = {loneRun.Measurement.Seconds / loneFewestSeconds:0.0}x the fewest requests' time at the limit ({loneFewest:N0} / {rate:0.#} per s = {loneFewestSeconds:0.0} s) (target <= {MaxLoneTimeOverFewestAtLimit:0}x)", loneRun.Measurement.Seconds <= MaxLoneTimeOverFewestAtLimit * loneFewestSeconds),
            Verdict($"429s that reached the user: {accountRun.Measurement.RateLimitedFailures + loneRun.Measurement.RateLimitedFailures} over both runs (target 0)", accountRun.Measurement.RateLimitedFailures + loneRun.Measurement.RateLimitedFailures == 0),
            Verdict("every row exactly once and in order (each customer's contiguous and in the server's order) in both runs", accountRun.Measurement.EveryRowOnceInOrder(account.Expected) && loneRun.Measurement.EveryRowOnceInOrder(alone.Expected)),
        };
        foreach (var (name, failed) in new[] { (Name: "the account", Run: accountRun), (Name: "the lone customer", Run: loneRun) }.Where(named => named.Run.Measurement.FirstFailure is not null))
        {
            verdicts.Add($"  {name}: {failed.Measurement.RateLimitedFailures + failed.Measurement.OtherFailures} customers failed, first {failed.Measurement.FirstFailure}");
        }

        verdicts.ForEach(output.WriteLine);
        output.WriteLine();
        return verdicts.All(v => !v.StartsWith("- MISS", StringComparison.Ordinal));
    }

    private static string Verdict(string text, bool met) => (met ? "- PASS " : "- MISS ") + text;

    private void Row(string export, ExportRun run, SeededAccount account, int fewest, double rate) =>
        output.WriteLine($"| {export} | {ExportScenario.Label(run.Scenario.ThrottleLimit)} | {run.Measurement.Seconds:0.0} s | {run.Requests.AdmittedPerSecond:0.0} | {run.ShareOfLimit * 100:0}% "
            + $"| {run.Requests.RateLimited:N0} | {run.Measurement.RateLimitedFailures:N0} | {run.Requests.Admitted:N0} ({fewest:N0}) | {fewest / rate:0.0} s "
            + $"| {run.Measurement.Rows:N0} | {(run.Measurement.EveryRowOnceInOrder(account.Expected) ? "yes" : "NO")} | {run.Measurement.PeakMegabytes:0.0} MB |");
}
