using System.Net;
using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class ControlEndpointTests
{
    [Fact]
    public async Task A_test_in_another_process_can_seed_inject_faults_and_count_requests_without_being_counted()
    {
        await using var server = await FakeStripeServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("_fake/health")).StatusCode);
        var customer = (await (await http.PostAsync("_fake/customers?currency=eur&seed=12", null)).ReadJsonAsync()).Text("id")!;
        await http.PostAsync("_fake/faults?kind=status&status=503&should_retry=true&count=2", null);
        using var api = FakeStripeHttp.CreateClient(server);
        var first = await api.GetAsync(FakeStripeHttp.TransactionsPath(customer));
        var journal = await http.GetJsonAsync("_fake/requests");

        Assert.Equal(12, server.Store.CountTransactions(customer));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("true", first.Header("Stripe-Should-Retry"));
        Assert.Equal(1, server.Faults.Pending);
        Assert.Equal(1, journal.GetProperty("count").GetInt32());
        Assert.Equal("/" + FakeStripeHttp.TransactionsPath(customer), journal.GetProperty("requests")[0].Text("path"));

        await http.DeleteAsync("_fake/requests");
        Assert.Equal(0, server.Requests.Count);
        Assert.Equal(0, server.Faults.Pending);

        await http.PostAsync("_fake/latency?ms=35", null);
        Assert.Equal(TimeSpan.FromMilliseconds(35), server.Latency);
    }

    [Fact]
    public async Task A_bad_control_request_is_a_400_that_says_why()
    {
        await using var server = await FakeStripeServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var response = await http.PostAsync("_fake/faults?kind=meteor", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("meteor", (await response.ReadJsonAsync()).Text("error"));
    }

    [Fact]
    public async Task Customers_can_be_seeded_by_counts_and_deleted_from_another_process()
    {
        await using var server = await FakeStripeServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var fromQuery = await (await http.PostAsync("_fake/customers/seed?counts=0,2,5&currency=eur", null)).ReadJsonAsync();
        var fromBody = await (await http.PostAsync("_fake/customers/seed", new StringContent("1\n0 3,4"))).ReadJsonAsync();
        var ids = fromQuery.GetProperty("ids").EnumerateArray().Concat(fromBody.GetProperty("ids").EnumerateArray())
            .Select(id => id.GetString()!).ToArray();

        Assert.Equal(new[] { 0, 2, 5, 1, 0, 3, 4 }, ids.Select(server.Store.CountTransactions));
        using var api = FakeStripeHttp.CreateClient(server);
        Assert.Equal("eur", (await api.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=100")).GetProperty("data").EnumerateArray().Last().Text("currency"));

        var deleted = await http.DeleteAsync($"_fake/customers?id={ids[1]}");
        var again = await http.DeleteAsync($"_fake/customers?id={ids[1]}");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True((await deleted.ReadJsonAsync()).GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(6, server.Store.CountCustomers());
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("_fake/customers/seed?counts=1,-1", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("_fake/customers/seed", null)).StatusCode);
        Assert.Equal(6, server.Store.CountCustomers());
        Assert.Equal(1, server.Requests.Count);
    }

    [Fact]
    public async Task Rate_limits_and_jitter_can_be_set_from_another_process_and_the_journal_shows_statuses()
    {
        await using var server = await FakeStripeServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        using var api = FakeStripeHttp.CreateClient(server);

        var set = await (await http.PostAsync("_fake/rate-limits?global=50&endpoint=0.1&concurrency=4&retry_after=true", null)).ReadJsonAsync();
        var limits = server.RateLimits!;
        using var admitted = await api.GetAsync(FakeStripeHttp.CustomersPath);
        using var refused = await api.GetAsync(FakeStripeHttp.CustomersPath);
        var read = await http.GetJsonAsync("_fake/rate-limits");
        var journal = await http.GetJsonAsync("_fake/requests");
        await http.DeleteAsync("_fake/rate-limits");
        using var afterwards = await api.GetAsync(FakeStripeHttp.CustomersPath);
        var jitter = await (await http.PostAsync("_fake/latency?jitter_ms=40", null)).ReadJsonAsync();

        Assert.True(set.GetProperty("enabled").GetBoolean());
        Assert.Equal(50, limits.GlobalPerSecond);
        Assert.Equal(0.1, limits.PerEndpointPerSecond);
        Assert.Equal(4, limits.MaxConcurrentRequests);
        Assert.True(limits.SendRetryAfter);
        Assert.Equal(0.1, read.GetProperty("endpoint").GetDouble());
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(1, journal.GetProperty("rate_limited").GetInt32());
        Assert.Equal(new[] { 200, 429 }, journal.GetProperty("requests").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()));
        Assert.All(journal.GetProperty("requests").EnumerateArray(), r => Assert.True(
            r.GetProperty("completed_at").GetDateTimeOffset() >= r.GetProperty("received_at").GetDateTimeOffset()));
        Assert.Null(server.RateLimits);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(40, jitter.GetProperty("jitter_ms").GetDouble());
        Assert.Equal(TimeSpan.FromMilliseconds(40), server.LatencyJitter);
        Assert.Equal(TimeSpan.Zero, server.Latency);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("_fake/rate-limits?endpoint=0", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PostAsync("_fake/latency", null)).StatusCode);
    }
}
