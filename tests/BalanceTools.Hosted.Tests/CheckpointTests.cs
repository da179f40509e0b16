using System.Management.Automation;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath: locked, scoped, and resumable past deleted customers.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_whole_account_export_resumes_after_its_cursor_customer_and_the_one_in_progress_were_deleted_among_ties()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 30).Select(i => 20 + (i * 29 % 150)).ToArray(), perSecond: 6);
        var newestFirst = customers.Reverse().ToList();
        var checkpoint = folder.File("nightly.json");
        session.SetVariable("Checkpoint", checkpoint);
        var stopAfter = session.Server.TransactionIdsNewestFirst(newestFirst[0]).Count + session.Server.TransactionIdsNewestFirst(newestFirst[1]).Count + 5;
        session.SetVariable("StopAfter", stopAfter);

        var first = session.Run("$n = 0; Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint -ThrottleLimit 3 | ForEach-Object { if (++$n -gt $StopAfter) { throw 'stopped' }; $_ }");
        var expected = newestFirst.Where(customer => customer != newestFirst[1]).ToDictionary(customer => customer, session.Server.TransactionIdsNewestFirst);
        var inProgressRows = session.Server.TransactionIdsNewestFirst(newestFirst[2]);
        session.Server.Store.DeleteCustomer(newestFirst[1]);
        session.Server.Store.DeleteCustomer(newestFirst[2]);
        var second = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint -ThrottleLimit 3");

        Assert.Contains("stopped", first.Terminating!.Message);
        Assert.Empty(second.Errors);
        Assert.Contains(newestFirst[2], Assert.Single(second.Warnings).Message);
        Assert.Contains("no longer exists", second.Warnings[0].Message);
        var all = first.Ids().Concat(second.Ids()).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(inProgressRows.Take(5), all.Where(inProgressRows.Contains));
        Assert.Equal(newestFirst.Skip(3).SelectMany(customer => expected[customer]), second.Ids());
    }

    [Fact]
    public async Task A_second_export_on_a_checkpoint_in_use_is_refused_at_once_and_one_of_other_expansions_names_what_differs()
    {
        await using var session = await HostedSession.StartAsync();
        session.Server.Store.SeedCustomers(Enumerable.Repeat(30, 6).ToArray());
        var checkpoint = folder.File("shared.json");
        session.SetVariable("Checkpoint", checkpoint);
        for (var i = 0; i < 6; i++)
        {
            session.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(20)), pathContains: "/balance_transactions");
        }

        using var running = session.Shell("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint");
        var run = running.BeginInvoke();
        await PagingTests.WaitUntil(() => session.Server.Requests.InFlight >= 1, TimeSpan.FromSeconds(10));
        await using var other = await HostedSession.StartAsync();
        other.SetVariable("Checkpoint", checkpoint);
        var refused = other.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint");
        running.Stop();
        Assert.True(run.IsCompleted);
        var otherExpansion = other.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint -Expand invoice");

        Assert.Contains("Another export is using the checkpoint file", PipelineResult.Message(refused.SingleError()));
        Assert.Equal(0, other.Server.Requests.Count);
        Assert.Contains("expand[] is not given there and data.invoice here", PipelineResult.Message(otherExpansion.SingleError()));
        Assert.False(File.Exists(checkpoint + ".lock"), "the lock file outlived the run");
    }

    [Fact]
    public async Task A_failed_customer_listing_advises_the_same_command_with_the_same_checkpoint_not_a_cursor()
    {
        await using var session = await HostedSession.StartAsync();
        session.Server.Store.SeedCustomers(Enumerable.Repeat(3, 3).ToArray());
        session.SetVariable("Checkpoint", folder.File("listing.json"));
        session.Server.Faults.Enqueue(Fault.Status(400), pathContains: "/v1/customers", queryContains: "limit");

        var result = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint");

        var record = result.Terminating is { } terminating ? ((IContainsErrorRecord)terminating).ErrorRecord : result.SingleError();
        Assert.Equal("customers", record.TargetObject);
        Assert.Contains("same -CheckpointPath", record.ErrorDetails.RecommendedAction);
        Assert.DoesNotContain("-StartingAfter", record.ErrorDetails.RecommendedAction + record.ErrorDetails.Message);
    }
}
