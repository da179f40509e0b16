using System.Globalization;
using System.Management.Automation;
using System.Text.Json;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// Real CSV files through PowerShell's own Export-Csv and Import-Csv: the output as a readable file, a credits file
/// piped into New-, and a checkpointed whole-account export appended to one file across stopped runs.
/// </summary>
public sealed class CsvFileTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Export_Csv_writes_readable_columns_that_Import_Csv_reads_back_value_for_value()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(120);
        session.SetVariable("Customer", customer);
        session.SetVariable("Path", folder.File("transactions.csv"));
        session.Run("Get-CustomerBalanceTransaction $Customer -Limit 1 | Set-CustomerBalanceTransaction -Metadata @{ order_id = '6735'; note = 'a, \"b\"' }").AssertClean();

        session.Run("Get-CustomerBalanceTransaction $Customer -All | Export-Csv -Path $Path -NoTypeInformation").AssertClean();
        var rows = session.Run("Import-Csv -Path $Path").AssertClean().Output;

        var text = await File.ReadAllTextAsync(folder.File("transactions.csv"));
        var header = text[..text.IndexOf('\n', StringComparison.Ordinal)];
        foreach (var column in new[] { "Id", "Amount", "Currency", "Customer", "Created", "EndingBalance", "Metadata", "Type", "Description", "Invoice" })
        {
            Assert.Contains($"\"{column}\"", header);
        }

        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("BalanceTools.Client.", text);
        var ids = session.Server.TransactionIdsNewestFirst(customer);
        Assert.Equal(ids, rows.Select(row => (string)row.Properties["Id"].Value));
        foreach (var row in rows)
        {
            var stored = session.Server.Store.FindTransaction(customer, (string)row.Properties["Id"].Value)!;
            Assert.Equal(stored.Amount.ToString(CultureInfo.InvariantCulture), row.Properties["Amount"].Value);
            Assert.Equal(stored.EndingBalance.ToString(CultureInfo.InvariantCulture), row.Properties["EndingBalance"].Value);
            Assert.Equal(stored.Description ?? string.Empty, row.Properties["Description"].Value);
            var created = DateTimeOffset.Parse((string)row.Properties["Created"].Value, CultureInfo.CurrentCulture);
            Assert.Equal(TimeSpan.Zero, created.Offset);
            Assert.Equal(stored.Created, created.ToUnixTimeSeconds());
        }

        using var metadata = JsonDocument.Parse((string)rows[0].Properties["Metadata"].Value);
        Assert.Equal("6735", metadata.RootElement.GetProperty("order_id").GetString());
        Assert.Equal("a, \"b\"", metadata.RootElement.GetProperty("note").GetString());
        Assert.Equal(string.Empty, rows[1].Properties["Metadata"].Value);
    }

    [Fact]
    public async Task Export_CustomerBalanceTransaction_writes_the_file_Export_Csv_writes_but_for_dates_in_ISO_8601_UTC()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(130);
        session.SetVariable("Customer", customer);
        session.SetVariable("ByExportCsv", folder.File("export-csv.csv"));
        session.SetVariable("ByCmdlet", folder.File("cmdlet.csv"));
        session.Run("Get-CustomerBalanceTransaction $Customer -Limit 2 | Set-CustomerBalanceTransaction -Description 'Goodwill, \"VIP\"' -Metadata @{ note = 'a, \"b\"'; order_id = '6735' }").AssertClean();

        session.Run("Get-CustomerBalanceTransaction $Customer -All -Expand customer | Export-Csv -Path $ByExportCsv -NoTypeInformation").AssertClean();
        session.Run("Export-CustomerBalanceTransaction -Customer $Customer -Expand customer -Path $ByCmdlet").AssertClean();

        var expected = await File.ReadAllLinesAsync(folder.File("export-csv.csv"));
        var written = await File.ReadAllLinesAsync(folder.File("cmdlet.csv"));
        var created = Array.IndexOf(expected[0].Split(','), "\"Created\"");
        Assert.Equal(expected[0], written[0]);
        Assert.Equal(131, written.Length);
        for (var row = 1; row < expected.Length; row++)
        {
            // Line for line, quoting included, once the Created cell of Export-Csv's line (its culture's text of the date)
            // is replaced by the same instant in ISO 8601 UTC.
            var cells = Cells(expected[row]);
            var instant = DateTimeOffset.Parse(cells[created], CultureInfo.CurrentCulture);
            var iso = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Assert.Equal(expected[row].Replace("\"" + cells[created] + "\"", "\"" + iso + "\"", StringComparison.Ordinal), written[row]);
        }

        Assert.Contains("\"Goodwill, \"\"VIP\"\"\"", written[1]);
    }

    private static List<string> Cells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    [Fact]
    public async Task A_credits_file_through_Import_Csv_into_New_creates_each_row_once_and_a_rerun_returns_the_same_transactions()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = Enumerable.Range(0, 3).Select(_ => session.Customer()).ToList();
        var path = folder.File("credits.csv");
        var lines = new List<string> { "Customer,Amount,Currency,Description,IdempotencyKey" };
        for (var row = 0; row < 12; row++)
        {
            lines.Add($"{customers[row % 3]},-{(row + 1) * 100},USD,\"Goodwill, row {row}\",credits-2026-12-01-{row}");
        }

        await File.WriteAllLinesAsync(path, lines);
        session.SetVariable("Path", path);

        var first = session.Run("Import-Csv -Path $Path | New-CustomerBalanceTransaction").AssertClean();
        var again = session.Run("Import-Csv -Path $Path | New-CustomerBalanceTransaction").AssertClean();

        Assert.Equal(12, first.Output.Count);
        Assert.Equal(first.Ids(), again.Ids());
        Assert.Equal(12, first.Ids().Distinct().Count());
        Assert.All(customers, customer => Assert.Equal(4, session.Server.Store.CountTransactions(customer)));
        Assert.Equal(Enumerable.Range(0, 12).Select(row => -(row + 1) * 100L), first.Output.Select(o => (long)o.Properties["Amount"].Value));
        Assert.Equal(Enumerable.Range(0, 12).Select(row => $"Goodwill, row {row}"), first.Output.Select(o => (string)o.Properties["Description"].Value));
        Assert.All(customers, customer => Assert.Equal(-(100 + 400 + 700 + 1000) - (customers.IndexOf(customer) * 400), session.Server.Store.Balance(customer)));
    }

    [Fact]
    public async Task A_customers_file_through_Import_Csv_into_a_throttled_checkpointed_All_stopped_by_Select_Object_is_completed_by_a_rerun()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = Enumerable.Range(0, 12).Select(i => session.Customer(i * 29 % 150)).ToList();
        session.SetVariable("Customers", customers.ToArray());
        session.SetVariable("Path", folder.File("customers.csv"));
        session.SetVariable("Checkpoint", folder.File("customers.json"));
        session.Run("$Customers | ForEach-Object { [pscustomobject]@{ CustomerId = $_; Segment = 'test' } } | Export-Csv -Path $Path -NoTypeInformation").AssertClean();
        var export = "Import-Csv -Path $Path | Get-CustomerBalanceTransaction -All -ThrottleLimit 4 -CheckpointPath $Checkpoint";

        var first = session.Run(export + " | Select-Object -First 333").AssertClean();
        var rest = session.Run(export + " -Verbose").AssertClean();

        var expected = customers.SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(333, first.Output.Count);
        Assert.Equal(expected, first.Ids().Concat(rest.Ids()));
        Assert.Contains(rest.Verbose, record => record.Message.Contains("was exported by an earlier run", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_checkpointed_whole_account_export_appended_to_one_csv_across_a_Select_Object_stop_and_a_Ctrl_C_loses_no_row_and_repeats_at_most_the_one_in_hand()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 30).Select(i => i * 53 % 260).ToArray());
        var csv = folder.File("nightly.csv");
        session.SetVariable("Csv", csv);
        session.SetVariable("Checkpoint", folder.File("nightly.json"));
        var export = "Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint";

        session.Run(export + " | Select-Object -First 1000 | Export-Csv -Path $Csv -NoTypeInformation").AssertClean();
        session.Server.Latency = TimeSpan.FromMilliseconds(30);
        using (var interrupted = session.Shell(export + " | Export-Csv -Path $Csv -Append -NoTypeInformation"))
        {
            var lengthBefore = new FileInfo(csv).Length;
            var run = interrupted.BeginInvoke();
            await PagingTests.WaitUntil(() => new FileInfo(csv).Length > lengthBefore + 32_768, TimeSpan.FromSeconds(30));
            interrupted.Stop();
            Assert.True(run.IsCompleted);
            Assert.Equal(PSInvocationState.Stopped, interrupted.InvocationStateInfo.State);
        }

        var rowsAfterStop = session.Run("@(Import-Csv -Path $Csv).Count").AssertClean().Output.Single();
        session.Server.Latency = TimeSpan.Zero;
        session.Run(export + " | Export-Csv -Path $Csv -Append -NoTypeInformation").AssertClean();
        var ids = session.Run("(Import-Csv -Path $Csv).Id").AssertClean().Output.Select(o => o.ToString()).ToList();

        // The row being written when Ctrl+C came may be in the file without the checkpoint knowing (PowerShell cannot
        // say whether Export-Csv took it), so it can appear twice, next to itself; nothing is ever missing.
        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        var repeats = ids.Zip(ids.Skip(1)).Count(pair => pair.First == pair.Second);
        Assert.InRange((int)rowsAfterStop.BaseObject, 1001, expected.Count - 1);
        Assert.InRange(repeats, 0, 1);
        Assert.Equal(expected, ids.Where((id, index) => index == 0 || id != ids[index - 1]));
        Assert.Single(File.ReadLines(csv), line => line.StartsWith("\"Id\"", StringComparison.Ordinal));
    }
}
