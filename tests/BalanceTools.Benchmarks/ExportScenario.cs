using System.Diagnostics;
using System.Globalization;
using BalanceTools.Client;

namespace BalanceTools.Benchmarks;

/// <summary>
/// One export through <see cref="BalanceExport"/> under a client-side rate limit: every customer of the account, as
/// <c>Get-CustomerBalanceTransaction -AllCustomers -ThrottleLimit n</c> runs it, or one piped customer, as
/// <c>Get-CustomerBalanceTransaction -All</c> runs it for a customer from the pipeline.
/// </summary>
/// <param name="Account">
/// The <c>Stripe-Account</c> sent. The client's limiter is process-wide per key and account, and the fake server
/// limits per key and account too, so a fresh account per run gives each run its own limiters on both sides (and
/// lets the server's journal be filtered to the run).
/// </param>
/// <param name="ThrottleLimit">A number, or null for the engine's default: a concurrency it sizes itself.</param>
/// <param name="PipedCustomer">The one customer to export as if piped; null to export every customer of the account.</param>
public sealed record ExportScenario(string Account, int? ThrottleLimit, double MaxRequestsPerSecond, string? PipedCustomer)
{
    public const string Verb = "export";

    // How the child's command line carries a null ThrottleLimit and a null PipedCustomer.
    private const string DefaultArgument = "default";
    private const string AllCustomersArgument = "all-customers";

    public static ExportScenario Fresh(int? throttleLimit, double maxRequestsPerSecond, string? pipedCustomer = null) =>
        new("acct_bench" + Guid.NewGuid().ToString("N"), throttleLimit, maxRequestsPerSecond, pipedCustomer);

    /// <summary>How a table names the throttle limit: its number, or "default" for the concurrency the engine sizes itself.</summary>
    public static string Label(int? throttleLimit) =>
        throttleLimit?.ToString(CultureInfo.InvariantCulture) ?? DefaultArgument;

    /// <summary>Runs the export in a child process of its own and returns its measurement.</summary>
    public async Task<ExportMeasurement> MeasureAsync(Uri baseUri, string apiKey) =>
        ExportMeasurement.FromJson(await ChildProcess.RunAsync(new[]
        {
            Verb,
            Account,
            ThrottleLimit?.ToString(CultureInfo.InvariantCulture) ?? DefaultArgument,
            MaxRequestsPerSecond.ToString(CultureInfo.InvariantCulture),
            baseUri.ToString(),
            apiKey,
            PipedCustomer ?? AllCustomersArgument,
        }));

    /// <summary>The child's side: parse the arguments, export, print the result line.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var scenario = new ExportScenario(
            args[1],
            args[2] == DefaultArgument ? null : int.Parse(args[2], CultureInfo.InvariantCulture),
            double.Parse(args[3], CultureInfo.InvariantCulture),
            args[6] == AllCustomersArgument ? null : args[6]);
        var measurement = await scenario.RunAsync(new Uri(args[4]), args[5]);
        Console.WriteLine(ChildProcess.ResultPrefix + measurement.ToJson());
        return 0;
    }

    /// <summary>Exports once, handing each event on as a cmdlet would, and checks what came out.</summary>
    public async Task<ExportMeasurement> RunAsync(Uri baseUri, string apiKey)
    {
        var options = new StripeClientOptions
        {
            ApiKey = new StripeApiKey(apiKey),
            BaseUri = baseUri,
            StripeAccount = Account,
            MaxRequestsPerSecond = MaxRequestsPerSecond,
        };
        using var client = new CustomerBalanceTransactionClient(options);
        var exportOptions = new BalanceExportOptions { ThrottleLimit = ThrottleLimit };
        var tally = new ExportTally();
        var stopwatch = Stopwatch.StartNew();
        var firstRow = TimeSpan.Zero;
        await using (var export = PipedCustomer is null
            ? BalanceExport.ForAllCustomers(client, exportOptions)
            : BalanceExport.ForCustomers(client, exportOptions))
        {
            await foreach (var next in Events(export))
            {
                if (next.IsEnd)
                {
                    tally.End(next.Customer, next.Failure);
                }
                else
                {
                    if (firstRow == TimeSpan.Zero)
                    {
                        firstRow = stopwatch.Elapsed;
                    }

                    tally.Row(next.Customer, next.Item);
                }

                export.Acknowledge();
            }
        }

        var elapsed = stopwatch.Elapsed;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new ExportMeasurement(
            elapsed.TotalSeconds,
            firstRow.TotalMilliseconds,
            process.PeakWorkingSet64,
            tally.Rows,
            tally.Duplicates,
            tally.OutOfOrder,
            tally.RateLimitedFailures,
            tally.OtherFailures,
            tally.FirstFailure,
            tally.RowsByCustomer,
            tally.ListingDigestByCustomer);
    }

    // A piped customer is added, then read to its end, as the cmdlet does for a pipeline of one.
    private IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> Events(BalanceExport export)
    {
        if (PipedCustomer is null)
        {
            return export.ExportAllCustomersAsync();
        }

        export.Add(PipedCustomer);
        return export.RemainingAsync();
    }
}
