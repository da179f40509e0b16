using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class JournalTests
{
    [Fact]
    public async Task Records_each_requests_status_and_when_it_completed()
    {
        var latency = TimeSpan.FromMilliseconds(60);
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = latency });
        var customer = server.Store.SeedCustomers([2]).Single();
        using var client = FakeStripeHttp.CreateClient(server);
        using var stranger = FakeStripeHttp.CreateClient(server, "sk_test_fake_unknown_0123456789abcdefgh");
        server.Faults.Enqueue(Fault.Status(503), method: "POST");

        var started = DateTimeOffset.UtcNow;
        (await client.GetAsync(FakeStripeHttp.TransactionsPath(customer))).Dispose();
        (await client.GetAsync(FakeStripeHttp.TransactionsPath("cus_nobody"))).Dispose();
        (await client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), "amount=1&currency=usd")).Dispose();
        server.RateLimits = new FakeRateLimits { PerEndpointPerSecond = 0.1 };
        (await client.GetAsync(FakeStripeHttp.CustomersPath)).Dispose();
        (await client.GetAsync(FakeStripeHttp.CustomersPath)).Dispose();
        (await stranger.GetAsync(FakeStripeHttp.CustomersPath)).Dispose();
        var finished = DateTimeOffset.UtcNow;

        var journal = server.Requests.Snapshot();
        Assert.Equal(new[] { 200, 404, 503, 200, 429, 401 }, journal.Select(r => r.Status));
        Assert.All(journal, r =>
        {
            Assert.True(r.IsCompleted);
            Assert.InRange(r.ReceivedAt, started, finished);
            Assert.InRange(r.CompletedAt, r.ReceivedAt + latency - TimeSpan.FromMilliseconds(5), finished);
        });
        Assert.All(journal.Zip(journal.Skip(1)), pair => Assert.True(pair.Second.ReceivedAt >= pair.First.CompletedAt));
        Assert.Equal(1, server.Requests.CountStatus(429));
        Assert.Equal(2, server.Requests.CountStatus(200));
        Assert.Equal(0, server.Requests.CountStatus(500));
    }

    [Fact]
    public async Task A_request_still_in_flight_has_no_status_yet()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = TimeSpan.FromMilliseconds(500) });
        using var client = FakeStripeHttp.CreateClient(server);

        var pending = client.GetAsync(FakeStripeHttp.CustomersPath);
        await Eventually.WaitUntilAsync(() => server.Requests.Count == 1);
        var during = Assert.Single(server.Requests.Snapshot());
        using var response = await pending;
        var after = Assert.Single(server.Requests.Snapshot());

        Assert.Equal(0, during.Status);
        Assert.False(during.IsCompleted);
        Assert.Equal(default, during.CompletedAt);
        Assert.Equal(200, after.Status);
        Assert.True(after.IsCompleted);
        Assert.Equal(during.ReceivedAt, after.ReceivedAt);
    }

    [Fact]
    public async Task A_dropped_connection_completes_with_status_zero()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        server.Faults.Enqueue(Fault.ResetBeforeCommit());
        using var client = FakeStripeHttp.CreateClient(server);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), "amount=1&currency=usd", "once"));

        var recorded = Assert.Single(server.Requests.Snapshot());
        Assert.Equal(0, recorded.Status);
        Assert.True(recorded.IsCompleted);
    }
}
