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
}
