using System.Diagnostics;
using System.Globalization;
using System.Text;
using BalanceTools.Client;
using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Export-CustomerBalanceTransaction's engine (the file and its checkpoint committed together) against the raw
/// paging loop writing the same CSV with no checkpoint and one flush at the end, for one customer with the rate
/// limiter off; and what the commits cost: commits a second and MB/s at the default interval and at every page.
/// </summary>
public sealed class FileExportSection
{
    private readonly bool smoke;
    private readonly TextWriter output;
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "bench-file-export-" + Guid.NewGuid().ToString("N"))).FullName;

    public FileExportSection(bool smoke, TextWriter output)
    {
        this.smoke = smoke;
        this.output = output;
    }

    private int Objects => smoke ? 10_000 : 100_000;

    private int Repetitions => smoke ? 1 : 5;

    public async Task<bool> RunAsync()
    {
        try
        {
            await using var server = await FakeStripeServer.StartAsync();
            var customer = server.Store.CreateCustomer("usd");
            server.Store.Seed(customer, Objects);
            output.WriteLine($"## Export-CustomerBalanceTransaction into a CSV file: {Objects:N0} transactions of one customer, rate limiter off (in this process, the writers interleaved, median of {Repetitions} rounds after a warm-up round)");
            output.WriteLine();
            output.WriteLine("| writer | median wall time | rows/s | file MB | MB/s | commits | commits/s | time vs raw |");
            output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            var writers = new Func<Task<Run>>[]
            {
                () => RawAsync(server, customer),
                () => ExportAsync(server, customer, new FileExportOptions().CommitInterval),
                () => ExportAsync(server, customer, TimeSpan.FromMilliseconds(10)),
                () => ExportAsync(server, customer, TimeSpan.FromSeconds(5)),
            };
            var medians = await InterleavedMediansAsync(writers);
            var (raw, export, often, rarely) = (medians[0], medians[1], medians[2], medians[3]);
            Row("raw loop, one flush at the end", raw, raw);
            Row($"Export- engine, commit every {new FileExportOptions().CommitInterval.TotalMilliseconds:0} ms (default)", export, raw);
            Row("Export- engine, commit every 10 ms", often, raw);
            Row("Export- engine, commit every 5 s", rarely, raw);
            var ratio = export.Seconds / raw.Seconds;
            output.WriteLine();
            var met = ratio <= 1.3;
            output.WriteLine($"- {(met ? "PASS" : "MISS")}: Export- time / raw loop time = {ratio:0.00} (target <= 1.3)");
            output.WriteLine("- A commit writes the rows, fsyncs the file, writes the checkpoint to a temporary file, fsyncs it and renames it; the rows above show what commits at three intervals cost against the raw loop, which never fsyncs.");
            output.WriteLine();
            return met;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void Row(string writer, Run run, Run raw) => output.WriteLine(string.Format(
        CultureInfo.InvariantCulture,
        "| {0} | {1:0.000} s | {2:N0} | {3:0.0} | {4:0.0} | {5:N0} | {6:0.0} | {7:0.00}x |",
        writer,
        run.Seconds,
        Objects / run.Seconds,
        run.Bytes / 1e6,
        run.Bytes / 1e6 / run.Seconds,
        run.Commits,
        run.Commits / run.Seconds,
        run.Seconds / raw.Seconds));

    // Round after round, every writer once a round (the first round a warm-up), so that whatever warms up or slows
    // down in the process or on the machine meets them alike.
    private async Task<Run[]> InterleavedMediansAsync(IReadOnlyList<Func<Task<Run>>> writers)
    {
        var runs = writers.Select(_ => new List<Run>()).ToArray();
        for (var round = 0; round <= Repetitions; round++)
        {
            for (var i = 0; i < writers.Count; i++)
            {
                var run = await writers[i]();
                if (round > 0)
                {
                    runs[i].Add(run);
                }
            }
        }

        return runs.Select(list => list.OrderBy(run => run.Seconds).ElementAt(list.Count / 2)).ToArray();
    }

    // The same columns as the export (the raw model lacks some; they are written empty), quoted alike, one flush.
    private async Task<Run> RawAsync(FakeStripeServer server, string customer)
    {
        var path = Path.Combine(folder, "raw.csv");
        var clock = Stopwatch.StartNew();
        using var loop = new RawPagingLoop(server.BaseUri, server.ApiKey);
        await using (var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16))
        {
            await writer.WriteLineAsync(string.Join(",", TransactionFields.Columns.Select(Quote)));
            var line = new StringBuilder();
            await foreach (var t in loop.StreamAsync(customer, Scenario.PageSize))
            {
                line.Clear();
                var created = DateTimeOffset.FromUnixTimeSeconds(t.Created).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
                var values = new[] { t.Id, "customer_balance_transaction", t.Amount.ToString(CultureInfo.InvariantCulture), string.Empty, created, string.Empty, t.Currency, t.Customer, string.Empty, t.Description, t.EndingBalance.ToString(CultureInfo.InvariantCulture), string.Empty, "False", string.Empty, t.Type, string.Empty, string.Empty, string.Empty, string.Empty };
                line.AppendJoin(',', values.Select(Quote));
                await writer.WriteLineAsync(line);
            }

            await writer.FlushAsync();
            writer.BaseStream.Flush();
        }

        return new Run(clock.Elapsed.TotalSeconds, new FileInfo(path).Length, 0);
    }

    private async Task<Run> ExportAsync(FakeStripeServer server, string customer, TimeSpan commitInterval)
    {
        var path = Path.Combine(folder, "export.csv");
        var clock = Stopwatch.StartNew();
        using var client = new CustomerBalanceTransactionClient(new StripeClientOptions { ApiKey = new StripeApiKey(server.ApiKey), BaseUri = server.BaseUri, MaxRequestsPerSecond = 0 });
        long commits;
        await using (var export = TransactionFileExport.Open(client, new FileExportOptions { Path = path, Force = true, CommitInterval = commitInterval }))
        {
            export.Add(customer);
            await foreach (var _ in export.WriteAddedAsync(wait: true))
            {
            }

            export.Complete();
            commits = export.Export.Commits;
        }

        return new Run(clock.Elapsed.TotalSeconds, new FileInfo(path).Length, commits);
    }

    private static string Quote(string? value) => "\"" + (value ?? string.Empty).Replace("\"", "\"\"") + "\"";

    private readonly record struct Run(double Seconds, long Bytes, long Commits);
}
