using System.Diagnostics;
using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>-All in a real pipeline: every page, in order, once; and stopping early costs nothing more.</summary>
public sealed class PagingTests
{
    [Fact]
    public async Task All_streams_every_page_newest_first_without_repeats_in_ceil_n_over_100_requests()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(250));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All").AssertClean();
        var created = result.Output.Select(o => (DateTimeOffset)o.Properties["Created"].Value).ToList();

        Assert.Equal(250, result.Output.Count);
        Assert.Equal(250, result.Ids().Distinct().Count());
        Assert.Equal(created.OrderByDescending(c => c), created);
        Assert.Equal(3, session.Server.Requests.Count);
        Assert.All(session.Server.Requests.Snapshot(), r => Assert.StartsWith("limit=100", r.RawQuery));
    }

    [Fact]
    public async Task All_with_EndingBefore_pages_backward_oldest_first()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(150));
        var newest = session.Run("Get-CustomerBalanceTransaction $Customer -Limit 1").AssertClean().Ids().Single();
        var all = session.Run("Get-CustomerBalanceTransaction $Customer -All").AssertClean().Ids();
        session.SetVariable("Oldest", all[^1]);

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All -EndingBefore $Oldest").AssertClean();

        Assert.Equal(all.Take(149).Reverse(), result.Ids());
        Assert.Equal(newest, result.Ids()[^1]);
    }

    [Fact]
    public async Task Stopping_the_pipeline_after_five_objects_costs_one_request_and_returns_promptly()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(50));
        session.SetVariable("Customer", session.Customer(500));
        using var shell = session.Shell("Get-CustomerBalanceTransaction $Customer -All");
        var output = new PSDataCollection<PSObject>();
        var clock = Stopwatch.StartNew();
        // DataAdded runs on the pipeline thread inside the cmdlet's WriteObject, as the next command of a pipeline
        // would. Holding it until the stop has begun makes the test as deterministic as Select-Object -First 5 is.
        output.DataAdded += (_, _) =>
        {
            if (output.Count == 5)
            {
                clock.Restart();
                shell.BeginStop(null, null);
                SpinWait.SpinUntil(() => shell.InvocationStateInfo.State == PSInvocationState.Stopping, TimeSpan.FromSeconds(5));
                Thread.Sleep(100);
            }
        };

        var run = shell.BeginInvoke<PSObject, PSObject>(null, output);
        Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(run));
        var elapsed = clock.Elapsed;
        await Task.Delay(200);

        Assert.InRange(output.Count, 5, 100);
        Assert.Equal(1, session.Server.Requests.Count);
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"stopping took {elapsed}");
        session.Collect(shell, output, null, elapsed);
    }

    [Fact]
    public async Task Stop_during_a_slow_response_cancels_the_request_in_flight_within_a_second()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(5));
        session.Server.Faults.Enqueue(FakeStripe.Fault.Delay(TimeSpan.FromSeconds(30)));
        using var shell = session.Shell("Get-CustomerBalanceTransaction $Customer -All");

        var run = shell.BeginInvoke();
        await WaitUntil(() => session.Server.Requests.InFlight == 1, TimeSpan.FromSeconds(10));
        var clock = Stopwatch.StartNew();
        shell.Stop();
        var stopReturned = clock.Elapsed;
        await WaitUntil(() => session.Server.Requests.InFlight == 0, TimeSpan.FromSeconds(1));
        var requestGone = clock.Elapsed;

        Assert.True(run.IsCompleted);
        Assert.Equal(PSInvocationState.Stopped, shell.InvocationStateInfo.State);
        Assert.True(stopReturned < TimeSpan.FromSeconds(1), $"Stop() took {stopReturned}");
        Assert.True(requestGone < TimeSpan.FromSeconds(1), $"the server still held the request after {requestGone}");
    }

    internal static async Task WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < limit, "timed out waiting");
            await Task.Delay(10);
        }
    }
}
