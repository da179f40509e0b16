using System.Diagnostics;
using System.Management.Automation;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>Many customers at once, every customer, resumable: -ThrottleLimit, -AllCustomers and -CheckpointPath as users run them.</summary>
public sealed class ExportTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Csv_rows_piped_with_a_throttle_come_out_in_input_order_each_customer_contiguous_and_newest_first()
    {
        await using var session = await HostedSession.StartAsync();
        session.Server.LatencyJitter = TimeSpan.FromMilliseconds(20);
        var counts = new[] { 130, 0, 250, 7, 101, 60, 0, 222, 15, 99 };
        var customers = counts.Select(count => session.Customer(count)).ToList();
        var rows = customers.Select(customer => Rows.Row(("CustomerId", customer), ("Note", "x"))).ToList();

        var result = session.Run("$input | Get-CustomerBalanceTransaction -All -ThrottleLimit 4", rows).AssertClean();
        var requests = session.Server.Requests.Count;

        var expected = customers.SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(expected, result.Ids());
        Assert.Equal(counts.Sum(count => Math.Max(1, (count + 99) / 100)), requests);
    }

    [Fact]
    public async Task AllCustomers_exports_every_customer_of_the_account_with_progress_across_customers()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 120).Select(i => i % 5 * 30).ToArray());

        var result = session.Run("Get-CustomerBalanceTransaction -AllCustomers").AssertClean();

        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(expected, result.Ids());
        Assert.Equal("Exporting every customer's balance transactions", result.Progress[0].Activity);
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        Assert.StartsWith($"120 of 120 customers so far, {expected.Count} transactions", result.Progress[^1].StatusDescription);
    }

    [Fact]
    public async Task A_storm_of_429s_during_an_export_ends_with_every_row_exactly_once_and_no_error()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 30).Select(i => i * 13 % 180).ToArray());
        session.SetVariable("Account", "acct_storm" + Guid.NewGuid().ToString("N")[..12]);
        session.Server.RateLimits = new FakeRateLimits { GlobalPerSecond = 1_000, PerEndpointPerSecond = 15, MaxConcurrentRequests = 3 };

        var result = session.Run("Get-CustomerBalanceTransaction -AllCustomers -ThrottleLimit 16 -MaxRequestsPerSecond 40 -StripeAccount $Account -Verbose").AssertClean();

        var refused = session.Server.Requests.CountStatus(429);
        session.Server.RateLimits = null;
        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(expected, result.Ids());
        Assert.True(refused > 0, "the server never refused a request, so nothing was tested");
        Assert.Contains(result.Verbose, record => record.Message.Contains("429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_customer_among_many_is_one_error_naming_it_and_the_rest_are_exported()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = Enumerable.Range(0, 6).Select(_ => session.Customer(120)).ToList();
        session.Server.Store.DeleteCustomer(customers[2]);

        var result = session.Run("$input | Get-CustomerBalanceTransaction -All -ThrottleLimit 3", customers.Cast<object>());

        var error = result.SingleError();
        Assert.Equal(customers[2], error.TargetObject);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(5 * 120, result.Output.Count);
        Assert.DoesNotContain(result.Output, row => (string)row.Properties["Customer"].Value == customers[2]);
    }

    [Fact]
    public async Task Stopping_an_export_cancels_every_customer_in_flight_within_a_second()
    {
        await using var session = await HostedSession.StartAsync();
        session.Server.Store.SeedCustomers(Enumerable.Repeat(50, 20).ToArray());
        for (var i = 0; i < 20; i++)
        {
            session.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(20)), pathContains: "/balance_transactions");
        }

        using var shell = session.Shell("Get-CustomerBalanceTransaction -AllCustomers -ThrottleLimit 8");

        var run = shell.BeginInvoke();
        await PagingTests.WaitUntil(() => session.Server.Requests.InFlight >= 8, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        shell.Stop();
        var stopReturned = clock.Elapsed;
        await PagingTests.WaitUntil(() => session.Server.Requests.InFlight == 0, TimeSpan.FromSeconds(1));

        Assert.True(run.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(stopReturned < TimeSpan.FromSeconds(1), $"Stop() took {stopReturned}");
    }

    [Fact]
    public async Task A_whole_account_export_stopped_in_the_middle_resumes_from_its_checkpoint_without_repeating_a_row()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 40).Select(i => i * 37 % 230).ToArray());
        session.SetVariable("Checkpoint", folder.File("nightly.json"));

        var first = session.Run("$n = 0; Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint | ForEach-Object { if (++$n -gt 1234) { throw 'the runbook was stopped' }; $_ }");
        Assert.Contains("the runbook was stopped", first.Terminating!.Message);
        var second = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint").AssertClean();
        var third = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint");

        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(1234, first.Output.Count);
        Assert.Equal(expected, first.Ids().Concat(second.Ids()));
        Assert.Empty(third.Output);
        Assert.Contains("exported every customer", Assert.Single(third.Warnings).Message);
    }

    [Fact]
    public async Task Piped_customers_resume_from_the_checkpoint_and_skip_those_already_exported()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = Enumerable.Range(0, 8).Select(i => session.Customer(40 * i)).ToList();
        session.SetVariable("Checkpoint", folder.File("piped.json"));
        var rows = customers.Select(customer => Rows.Row(("Customer", customer))).ToList();

        var first = session.Run("$n = 0; $input | Get-CustomerBalanceTransaction -All -CheckpointPath $Checkpoint | ForEach-Object { if (++$n -gt 500) { throw 'stopped' }; $_ }", rows);
        var second = session.Run("$input | Get-CustomerBalanceTransaction -All -CheckpointPath $Checkpoint -Verbose", rows).AssertClean();

        var expected = customers.SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(expected, first.Ids().Concat(second.Ids()));
        Assert.Contains(second.Verbose, record => record.Message.Contains("was exported by an earlier run", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -All -ThrottleLimit 0", "ThrottleLimit", "from 1 to 64")]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -All -ThrottleLimit 65", "ThrottleLimit", "from 1 to 64")]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -All -ThrottleLimit 2.5", "ThrottleLimit", "whole number")]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -All -MaxRequestsPerSecond fast", "MaxRequestsPerSecond", "request rate")]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -All -MaxRequestsPerSecond -3", "MaxRequestsPerSecond", "0 for no client-side limit")]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -CheckpointPath ./x.json", "CheckpointPath", "needs -All or -AllCustomers")]
    [InlineData("Get-CustomerBalanceTransaction cus_Valid0001 -All -EndingBefore cbtxn_1 -CheckpointPath ./x.json", "CheckpointPath", "cannot be combined with -EndingBefore")]
    [InlineData("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath ./no/such/folder/x.json", "CheckpointPath", "does not exist")]
    [InlineData("Get-CustomerBalanceTransaction -AllCustomers -Customer cus_Valid0001", "AllCustomers", "without -Customer")]
    [InlineData("'cus_Valid0001' | Get-CustomerBalanceTransaction -AllCustomers", "AllCustomers", "without piping customers")]
    [InlineData("Get-CustomerBalanceTransaction", "Customer", "-AllCustomers for every customer")]
    public async Task Export_parameters_that_make_no_sense_are_refused_before_any_request(string script, string parameter, string allowed)
    {
        await using var session = await HostedSession.StartAsync();

        var result = session.Run(script);

        var message = result.Terminating?.Message ?? PipelineResult.Message(result.SingleError());
        Assert.Contains(parameter, message);
        Assert.Contains(allowed, message);
        Assert.Equal(0, session.Server.Requests.Count);
    }

    [Fact]
    public async Task A_checkpoint_from_another_export_or_not_a_checkpoint_at_all_is_refused_in_plain_words()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(3);
        var checkpoint = folder.File("other.json");
        session.SetVariable("Checkpoint", checkpoint);
        session.SetVariable("Customer", customer);
        session.Run("Get-CustomerBalanceTransaction $Customer -All -CheckpointPath $Checkpoint").AssertClean();
        session.Server.Requests.Clear();

        var otherExport = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint");
        await File.WriteAllTextAsync(checkpoint, "these are not the droids");
        var notACheckpoint = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint");

        Assert.Contains("belongs to a different export (piped customers); this run is every customer", PipelineResult.Message(otherExport.SingleError()));
        Assert.Equal(ErrorCategory.InvalidArgument, otherExport.SingleError().CategoryInfo.Category);
        Assert.Contains("cannot be read as a BalanceTools checkpoint", PipelineResult.Message(notACheckpoint.SingleError()));
        Assert.Equal(0, session.Server.Requests.Count);
    }
}
