using System.Text.Json;
using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

/// <summary>The export straight into a file: the file and its checkpoint committed together, resumed exactly.</summary>
public sealed class FileExportTests : IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "file-export-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData(ExportFormat.Csv)]
    [InlineData(ExportFormat.JsonLines)]
    public async Task A_whole_account_export_writes_every_row_once_then_a_rerun_writes_nothing(ExportFormat format)
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(30, 220));
        var path = Path.Combine(folder, "all." + format);

        var summary = await RunAsync(fixture, Options(path, format));
        var rerun = await RunAsync(fixture, Options(path, format));

        Assert.Equal(AllRows(fixture), ReadIds(path, format));
        Assert.True(summary.Finished);
        Assert.Equal(AllRows(fixture).Count, summary.RowsWritten);
        Assert.Equal(fixture.AccountNewestFirst.Count, summary.CustomersDone);
        Assert.Equal(0, rerun.RowsWritten);
        Assert.True(rerun.Finished);
        Assert.Equal(summary.RowsInFile, rerun.RowsInFile);
    }

    [Fact]
    public async Task The_csv_has_the_export_csv_header_its_quoting_empty_cells_for_no_value_and_dates_in_iso_8601_utc()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 2 });
        var customer = fixture.Customers[0];
        await fixture.Client.CreateAsync(customer, new CreateOptions { Amount = -250, Currency = "usd", Description = "say \"hi\", then go", Metadata = new Dictionary<string, string> { ["order"] = "6735" } });
        var path = Path.Combine(folder, "one.csv");

        await RunAsync(fixture, Options(path, ExportFormat.Csv));

        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(",", TransactionFields.Columns.Select(name => "\"" + name + "\"")), lines[0]);
        Assert.StartsWith("\"Id\",\"Object\",\"Amount\",\"CheckoutSession\",\"Created\"", lines[0]);
        var newest = await fixture.Client.ListAsync(customer, new ListOptions { Limit = 1 });
        var created = newest.Data[0].Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"\"{newest.Data[0].Id}\",\"customer_balance_transaction\",\"-250\",,\"{created}\",,\"usd\",\"{customer}\",,\"say \"\"hi\"\", then go\",\"{newest.Data[0].EndingBalance}\",,\"False\",\"{{\"\"order\"\":\"\"6735\"\"}}\",\"adjustment\",,,,", lines[1]);
        Assert.Equal(1 + 3 + fixture.Expected[fixture.Stripe.Customer].Count, lines.Length);
        Assert.False(File.ReadAllBytes(path).Take(3).SequenceEqual(new byte[] { 0xEF, 0xBB, 0xBF }), "the file starts with a byte order mark");
    }

    [Theory]
    [InlineData(ExportFormat.Csv, 1)]
    [InlineData(ExportFormat.Csv, 7)]
    [InlineData(ExportFormat.JsonLines, 3)]
    public async Task A_run_stopped_after_some_customers_and_left_with_a_torn_tail_is_completed_exactly_once(ExportFormat format, int stopAfterCustomers)
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(20, 250, seed: stopAfterCustomers), perSecond: 3);
        var path = Path.Combine(folder, "stopped." + format);

        await RunAsync(fixture, Options(path, format), stopAfterCustomers);
        await File.AppendAllTextAsync(path, "\"cbtxn_torn\",\"customer_bal");
        var summary = await RunAsync(fixture, Options(path, format));

        Assert.Equal(AllRows(fixture), ReadIds(path, format));
        Assert.True(summary.Finished);
        Assert.True(summary.RowsInFile > summary.RowsWritten || AllRows(fixture).Count == summary.RowsWritten);
    }

    [Fact]
    public async Task Resume_survives_the_deletion_of_the_last_customer_done_among_customers_that_share_its_second()
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(24, 120, seed: 5), perSecond: 6);
        var path = Path.Combine(folder, "deleted.csv");
        await RunAsync(fixture, Options(path, ExportFormat.Csv), stopAfterCustomers: 4);
        var done = fixture.AccountNewestFirst.Take(4).ToList();
        var gone = done[^1];
        fixture.Server.Store.DeleteCustomer(gone);
        fixture.Server.Requests.Clear();

        var summary = await RunAsync(fixture, Options(path, ExportFormat.Csv));

        Assert.Equal(AllRows(fixture), ReadIds(path, ExportFormat.Csv));
        Assert.True(summary.Finished);
        Assert.Equal(0, summary.CustomersDeleted);
        var listing = fixture.Server.Requests.Snapshot().First(r => r.RawPath == "/v1/customers");
        Assert.Contains("created[lte]=" + fixture.Server.Store.CustomerCreated(done[0]), Uri.UnescapeDataString(listing.RawQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_deleted_while_in_progress_keeps_the_rows_written_and_counts_as_deleted()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 40, 900, 60 });
        var big = fixture.Customers[1];
        var path = Path.Combine(folder, "in-progress.csv");
        fixture.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(20)), pathContains: big, queryContains: "starting_after");
        using var stop = new CancellationTokenSource();
        var options = Options(path, ExportFormat.Csv);
        var run = RunAsync(fixture, options, cancellationToken: stop.Token);
        await Eventually.WaitUntilAsync(() => fixture.Server.Requests.Snapshot().Any(r => r.RawPath.Contains(big, StringComparison.Ordinal) && r.RawQuery.Contains("starting_after", StringComparison.Ordinal)));
        await Task.Delay(100);
        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        var written = ReadIds(path, ExportFormat.Csv);
        fixture.Server.Faults.Clear();
        fixture.Server.Store.DeleteCustomer(big);

        var summary = await RunAsync(fixture, options);

        var bigRows = fixture.Expected[big].Take(written.Count(id => fixture.Expected[big].Contains(id))).ToList();
        Assert.NotEmpty(bigRows);
        var expected = fixture.AccountNewestFirst.SelectMany(customer => customer == big ? bigRows : fixture.Expected[customer]).ToList();
        Assert.Equal(expected, ReadIds(path, ExportFormat.Csv));
        Assert.Equal(1, summary.CustomersDeleted);
        Assert.True(summary.Finished);
    }

    [Fact]
    public async Task An_existing_file_without_a_checkpoint_is_refused_unless_forced_and_a_second_run_on_the_same_file_is_refused()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 5 });
        var path = Path.Combine(folder, "existing.csv");
        await File.WriteAllTextAsync(path, "precious\n");

        var refused = Assert.Throws<StripeInputException>(() => TransactionFileExport.Open(fixture.Client, Options(path, ExportFormat.Csv)));
        Assert.Contains("already exists and has no checkpoint beside it", refused.Message);
        Assert.Contains("-Force", refused.Message);
        Assert.Equal("precious\n", await File.ReadAllTextAsync(path));
        Assert.False(File.Exists(TransactionFileExport.CheckpointPathFor(path)));

        var forced = Options(path, ExportFormat.Csv);
        forced.Force = true;
        await using (var first = TransactionFileExport.Open(fixture.Client, forced))
        {
            var second = Assert.Throws<StripeInputException>(() => TransactionFileExport.Open(fixture.Client, forced));
            Assert.Contains("Another export is writing", second.Message);
            await foreach (var _ in first.WriteAllCustomersAsync())
            {
            }
        }

        Assert.Equal(AllRows(fixture), ReadIds(path, ExportFormat.Csv));
    }

    [Fact]
    public async Task A_checkpoint_of_other_filters_or_another_format_is_refused_naming_what_differs()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 5, 5 });
        var path = Path.Combine(folder, "scoped.csv");
        await RunAsync(fixture, Options(path, ExportFormat.Csv), stopAfterCustomers: 1);
        var before = await File.ReadAllBytesAsync(path);

        var filtered = Options(path, ExportFormat.Csv);
        filtered.Transactions = new ListOptions { Created = new CreatedFilter { LessThan = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000) }, Expand = new List<string> { "data.invoice" } };
        var otherFilters = Assert.Throws<StripeInputException>(() => TransactionFileExport.Open(fixture.Client, filtered));
        var otherFormat = Assert.Throws<StripeInputException>(() => TransactionFileExport.Open(fixture.Client, Options(path, ExportFormat.JsonLines)));

        Assert.Contains("created[lt] is not given there and 2000000000 here; expand[] is not given there and data.invoice here", otherFilters.Message);
        Assert.Contains("format is Csv there and JsonLines here", otherFormat.Message);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public void A_path_that_cannot_be_the_file_is_refused_in_plain_words_with_nothing_written()
    {
        var readOnly = Path.Combine(folder, "read-only.csv");
        File.WriteAllText(readOnly, string.Empty);
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);

        Assert.Contains("does not exist", Assert.Throws<StripeInputException>(() => ExportPaths.Check(Path.Combine(folder, "no", "such.csv"))).Message);
        Assert.Contains("is a folder; give a file name in it", Assert.Throws<StripeInputException>(() => ExportPaths.Check(folder)).Message);
        Assert.Contains("is a read-only file", Assert.Throws<StripeInputException>(() => ExportPaths.Check(readOnly)).Message);
        Assert.Single(Directory.EnumerateFiles(folder));
    }

    [Fact]
    public async Task The_account_listing_continues_by_created_second_when_its_page_cursor_is_deleted_mid_listing()
    {
        await using var fixture = await ExportFixture.StartAsync(Enumerable.Repeat(0, 14).ToArray(), perSecond: 4);
        var listed = new List<string>();
        await foreach (var customer in AccountCustomers.ListAsync(fixture.Client, null, null, null, pageSize: 3, CancellationToken.None))
        {
            listed.Add(customer.Id);
            if (listed.Count == 3)
            {
                fixture.Server.Store.DeleteCustomer(customer.Id);
                fixture.Server.Store.DeleteCustomer(fixture.AccountNewestFirst[9]);
            }
        }

        Assert.Equal(fixture.AccountNewestFirst.Where(id => id != fixture.AccountNewestFirst[9]), listed);
        Assert.Equal(1, fixture.Server.Requests.CountStatus(400));
    }

    [Fact]
    public async Task A_checkpoint_in_use_by_another_run_is_refused_and_released_when_that_run_ends()
    {
        var path = Path.Combine(folder, "get.json");
        var scope = ExportScope.For(allCustomers: true, new ListOptions());
        using (var first = ExportCheckpoint.OpenOrCreate(path, scope))
        {
            Assert.Contains("Another export is using the checkpoint file", Assert.Throws<StripeInputException>(() => ExportCheckpoint.OpenOrCreate(path, scope)).Message);
            first.Save();
            first.Save();
        }

        Assert.Equal(new[] { path }, Directory.EnumerateFiles(folder));
        using var again = ExportCheckpoint.OpenOrCreate(path, scope);
        Assert.False(again.IsFinished);
    }

    [Fact]
    public async Task A_checkpoint_save_that_fails_still_ends_every_listing_and_releases_the_checkpoint()
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(6, 250));
        var checkpoint = Path.Combine(folder, "failing.json");
        for (var i = 0; i < 6; i++)
        {
            fixture.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(20)), pathContains: "/balance_transactions");
        }

        var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 4, CheckpointPath = checkpoint });
        foreach (var customer in fixture.Customers.Take(4))
        {
            export.Add(customer);
        }

        await Eventually.WaitUntilAsync(() => fixture.Server.Requests.InFlight >= 3);
        Directory.CreateDirectory(checkpoint);

        await Assert.ThrowsAsync<IOException>(() => export.DisposeAsync().AsTask());

        await Eventually.WaitUntilAsync(() => fixture.Server.Requests.InFlight == 0);
        Assert.Equal(new[] { checkpoint }, Directory.EnumerateFileSystemEntries(folder));
        Directory.Delete(checkpoint);
        using var again = ExportCheckpoint.OpenOrCreate(checkpoint, ExportScope.For(allCustomers: false, new ListOptions()));
        Assert.Equal(0, again.CustomersDone);
    }

    internal static FileExportOptions Options(string path, ExportFormat format) => new()
    {
        Path = path,
        Format = format,
        AllCustomers = true,
        ThrottleLimit = 4,
        CommitInterval = TimeSpan.FromMilliseconds(5),
    };

    internal static List<string> ReadIds(string path, ExportFormat format)
    {
        var lines = File.ReadAllLines(path);
        if (format == ExportFormat.Csv)
        {
            Assert.Equal("\"Id\"", lines[0].Split(',')[0]);
            Assert.DoesNotContain(lines.Skip(1), line => line.StartsWith("\"Id\"", StringComparison.Ordinal));
            return lines.Skip(1).Select(line => line.Split(',')[0].Trim('"')).ToList();
        }

        return lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Id").GetString()!).ToList();
    }

    private static List<string> AllRows(ExportFixture fixture) =>
        fixture.AccountNewestFirst.Where(customer => fixture.Server.Store.CountCustomers() > 0).SelectMany(customer => fixture.Expected[customer]).ToList();

    private static async Task<ExportSummary> RunAsync(ExportFixture fixture, FileExportOptions options, int stopAfterCustomers = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var export = TransactionFileExport.Open(fixture.Client, options, cancellationToken);
        var ended = 0;
        await foreach (var next in export.WriteAllCustomersAsync(cancellationToken))
        {
            if (next.IsEnd && ++ended >= stopAfterCustomers)
            {
                break;
            }
        }

        return export.Summary(requests: 0);
    }
}
