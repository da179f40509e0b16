using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>Export-CustomerBalanceTransaction as a runbook runs it: straight into a file, resumable, exactly once.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task AllCustomers_writes_every_transaction_once_with_the_header_of_the_output_objects_and_a_summary_with_PassThru()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 40).Select(i => i * 17 % 160).ToArray(), perSecond: 7);
        var path = folder.File("all.csv");
        session.SetVariable("Out", path);

        var result = session.Run("Export-CustomerBalanceTransaction -AllCustomers -Path $Out -ThrottleLimit 4 -PassThru").AssertClean();
        var again = session.Run("Export-CustomerBalanceTransaction -AllCustomers -Path $Out -PassThru");
        var properties = session.Run($"(Get-CustomerBalanceTransaction {customers[^1]} -Limit 1).PSObject.Properties.Name").Output.Select(name => (string)name.BaseObject).ToList();

        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        var lines = File.ReadAllLines(path);
        Assert.Equal(string.Join(",", properties.Select(name => "\"" + name + "\"")), lines[0]);
        Assert.Equal(expected, lines.Skip(1).Select(line => line.Split(',')[0].Trim('"')));
        var summary = Assert.Single(result.Output);
        Assert.Equal(path, summary.Properties["Path"].Value);
        Assert.Equal((long)expected.Count, summary.Properties["RowsWritten"].Value);
        Assert.Equal(40L, summary.Properties["CustomersDone"].Value);
        Assert.Equal(true, summary.Properties["Finished"].Value);
        Assert.True((long)summary.Properties["Requests"].Value! >= 40);
        Assert.Equal("Exporting every customer's balance transactions", result.Progress[0].Activity);
        Assert.Contains("finished by an earlier run", Assert.Single(again.Warnings).Message);
        Assert.Equal(0L, Assert.Single(again.Output).Properties["RowsWritten"].Value);
        Assert.Equal((long)expected.Count, again.Output[0].Properties["RowsInFile"].Value);
    }

    [Fact]
    public async Task A_stopped_run_is_completed_by_the_next_without_a_repeated_or_missing_row_and_a_deleted_customer_is_a_warning()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(5));
        var customers = Enumerable.Range(0, 12).Select(i => session.Customer(60 + (i * 37 % 200))).ToList();
        var path = folder.File("piped.jsonl");
        session.SetVariable("Out", path);
        session.SetVariable("Customers", customers.ToArray());

        using (var shell = session.Shell("$Customers | Export-CustomerBalanceTransaction -Path $Out -Format JsonLines -ThrottleLimit 3"))
        {
            var run = shell.BeginInvoke();
            await PagingTests.WaitUntil(() => session.Server.Requests.Count >= 8, TimeSpan.FromSeconds(10));
            shell.Stop();
            Assert.True(run.IsCompleted);
        }

        session.Server.Store.DeleteCustomer(customers[11]);
        var second = session.Run("$Customers | Export-CustomerBalanceTransaction -Path $Out -Format JsonLines -PassThru");

        var expected = customers.Take(11).SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        var ids = File.ReadAllLines(path).Select(line => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("Id").GetString()!).ToList();
        Assert.Equal(expected, ids);
        Assert.Empty(second.Errors);
        Assert.Contains(customers[11], Assert.Single(second.Warnings).Message);
        Assert.Equal(1L, Assert.Single(second.Output).Properties["CustomersDeleted"].Value);
        Assert.Equal(true, second.Output[0].Properties["Finished"].Value);
    }

    [Theory]
    [InlineData("Export-CustomerBalanceTransaction cus_Valid0001 -Path ./no/such/folder/x.csv", "Path", "does not exist")]
    [InlineData("Export-CustomerBalanceTransaction cus_Valid0001 -Path $Folder", "Path", "is a folder; give a file name in it")]
    [InlineData("Export-CustomerBalanceTransaction cus_Valid0001 -Path $ReadOnly", "Path", "read-only file")]
    [InlineData("Export-CustomerBalanceTransaction cus_Valid0001 -Path $Out -Format Xml", "Format", "Csv,JsonLines")]
    [InlineData("'cus_Valid0001' | Export-CustomerBalanceTransaction -AllCustomers -Path $Out", "AllCustomers", "without piping customers")]
    [InlineData("Export-CustomerBalanceTransaction -Path $Out", "Customer", "-AllCustomers for every customer")]
    [InlineData("Export-CustomerBalanceTransaction cus_Valid0001 -Path $Existing", "-Force", "has no checkpoint beside it")]
    [InlineData("Export-CustomerBalanceTransaction cus_Valid0001 -Path $Locked -Force", "Another export is writing", "Wait for it to end")]
    [InlineData("Export-CustomerBalanceTransaction -AllCustomers -Path $Out -CreatedAfter 2026-11-02 -CreatedBefore 2026-11-01", "Created", "Check which bound is which")]
    public async Task Bad_input_is_a_plain_error_before_any_request_with_nothing_written(string script, string parameter, string allowed)
    {
        await using var session = await HostedSession.StartAsync();
        var readOnly = folder.File("read-only.csv");
        File.WriteAllText(readOnly, string.Empty);
        File.SetAttributes(readOnly, FileAttributes.ReadOnly);
        var existing = folder.File("existing.csv");
        File.WriteAllText(existing, "\"Id\"\n\"cbtxn_precious\"\n");
        var locked = folder.File("locked.csv");
        using var otherRun = new FileStream(locked, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        session.SetVariable("Folder", folder.Path);
        session.SetVariable("ReadOnly", readOnly);
        session.SetVariable("Existing", existing);
        session.SetVariable("Locked", locked);
        session.SetVariable("Out", folder.File("out.csv"));
        var before = Directory.EnumerateFiles(folder.Path).Where(file => file != locked).ToDictionary(file => file, File.ReadAllBytes);

        var result = session.Run(script);

        var message = result.Terminating?.Message ?? PipelineResult.Message(result.SingleError());
        Assert.Contains(parameter, message);
        Assert.Contains(allowed, message);
        Assert.Equal(0, session.Server.Requests.Count);
        Assert.Equal(before.Keys.Append(locked).Order(), Directory.EnumerateFiles(folder.Path).Order());
        Assert.All(before, file => Assert.Equal(file.Value, File.ReadAllBytes(file.Key)));
        Assert.Equal(0, otherRun.Length);
    }

    [Fact]
    public async Task WhatIf_writes_nothing_and_sends_nothing()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Out", folder.File("whatif.csv"));

        var result = session.Run("Export-CustomerBalanceTransaction -AllCustomers -Path $Out -WhatIf").AssertClean();

        Assert.Empty(result.Output);
        Assert.Empty(Directory.EnumerateFiles(folder.Path));
        Assert.Equal(0, session.Server.Requests.Count);
    }
}
