using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

[Collection(TimingSensitiveCollection.Name)]
public sealed class LatencyJitterTests
{
    [Fact]
    public async Task Each_request_waits_the_latency_plus_a_random_part_of_the_jitter_so_concurrent_requests_finish_out_of_order()
    {
        var latency = TimeSpan.FromMilliseconds(50);
        var jitter = TimeSpan.FromMilliseconds(400);
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = latency, LatencyJitter = jitter });
        using var client = FakeStripeHttp.CreateClient(server);

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.GetAsync(FakeStripeHttp.CustomersPath)));

        Assert.All(responses, response => Assert.Equal(200, (int)response.StatusCode));
        Array.ForEach(responses, response => response.Dispose());
        var journal = server.Requests.Snapshot();
        var waits = journal.Select(r => r.CompletedAt - r.ReceivedAt).ToArray();
        // No upper bound: on a loaded machine timers fire late, which only adds to a wait.
        Assert.All(waits, wait => Assert.True(wait >= latency - TimeSpan.FromMilliseconds(5), $"waited only {wait}"));

        // Sixteen uniform draws spanning less than 100 ms of 400 happen about once in 10^8 runs.
        Assert.True(waits.Max() - waits.Min() > TimeSpan.FromMilliseconds(100), $"waits {string.Join(", ", waits.Select(w => w.TotalMilliseconds))}");
        var arrivalOrder = journal.OrderBy(r => r.ReceivedAt).ToArray();
        Assert.NotEqual(arrivalOrder, journal.OrderBy(r => r.CompletedAt).ToArray());
    }

    [Fact]
    public async Task Jitter_can_change_while_the_server_runs()
    {
        await using var server = await FakeStripeServer.StartAsync();
        using var client = FakeStripeHttp.CreateClient(server);
        Assert.Equal(TimeSpan.Zero, server.LatencyJitter);

        server.LatencyJitter = TimeSpan.FromMilliseconds(300);
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.GetAsync(FakeStripeHttp.CustomersPath)));
        Array.ForEach(responses, response => response.Dispose());
        server.LatencyJitter = TimeSpan.Zero;
        server.Latency = TimeSpan.FromMilliseconds(100);
        (await client.GetAsync(FakeStripeHttp.CustomersPath)).Dispose();

        var waits = server.Requests.Snapshot().Select(r => r.CompletedAt - r.ReceivedAt).ToArray();
        Assert.True(waits[..12].Max() - waits[..12].Min() > TimeSpan.FromMilliseconds(50), "jitter did not vary the waits");
        Assert.True(waits[12] >= TimeSpan.FromMilliseconds(95), $"waited only {waits[12]}");
        Assert.Throws<ArgumentOutOfRangeException>(() => server.LatencyJitter = TimeSpan.FromMilliseconds(-1));
        Assert.Equal(TimeSpan.Zero, server.LatencyJitter);
    }
}
