using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

/// <summary><c>GET /v1/customers/{customer}</c> over real HTTP: live, deleted and unknown customers, as Stripe answers them.</summary>
public sealed class CustomerRetrieveTests
{
    private const double Trickle = 0.1;

    [Fact]
    public async Task A_customer_is_the_same_object_the_customers_list_shows()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers([0, 3]);
        var euro = server.Store.CreateCustomer("eur");
        server.Store.Seed(euro, 2, "eur");
        using var client = FakeStripeHttp.CreateClient(server);

        var listed = (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).GetProperty("data").EnumerateArray().ToArray();

        Assert.Equal(new[] { euro, ids[1], ids[0] }, listed.Select(customer => customer.Text("id")));
        foreach (var customer in listed)
        {
            var retrieved = await client.GetJsonAsync(FakeStripeHttp.CustomerPath(customer.Text("id")!));
            Assert.Equal(customer.GetRawText(), retrieved.GetRawText());
        }

        var seeded = await client.GetJsonAsync(FakeStripeHttp.CustomerPath(ids[1]));
        Assert.Equal("customer", seeded.Text("object"));
        Assert.Equal(server.Store.CustomerCreated(ids[1]), seeded.GetProperty("created").GetInt64());
        Assert.Equal(server.Store.Balance(ids[1]), seeded.GetProperty("balance").GetInt64());
        Assert.False(seeded.TryGetProperty("deleted", out _));
    }

    [Fact]
    public async Task A_deleted_customer_answers_200_with_only_its_id_and_the_deleted_flag()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers([2, 4, 1]);
        var deleted = ids[1];
        var transaction = server.Store.Seed(deleted, 1)[0];
        using var client = FakeStripeHttp.CreateClient(server);

        Assert.True(server.Store.DeleteCustomer(deleted));

        using var response = await client.GetAsync(FakeStripeHttp.CustomerPath(deleted));
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Matches("^req_", response.Header("Request-Id"));
        Assert.Equal($"{{\"id\":\"{deleted}\",\"object\":\"customer\",\"deleted\":true}}", await response.Content.ReadAsStringAsync());

        // Everything else about a deleted customer stays as it was: gone from the list, 404 under its path.
        Assert.Equal(new[] { ids[2], ids[0] }, (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).Ids());
        foreach (var path in new[] { FakeStripeHttp.TransactionsPath(deleted), $"{FakeStripeHttp.TransactionsPath(deleted)}/{transaction}" })
        {
            using var gone = await client.GetAsync(path);
            Assert.Equal(404, (int)gone.StatusCode);
            var error = (await gone.ReadJsonAsync()).Error();
            Assert.Equal("resource_missing", error.Text("code"));
            Assert.Equal("customer", error.Text("param"));
        }

        Assert.Equal(2, server.Store.CountCustomers());
        Assert.False(server.Store.DeleteCustomer(deleted));
    }

    [Fact]
    public async Task A_customer_that_never_existed_answers_404_resource_missing_on_id()
    {
        await using var server = await FakeStripeServer.StartAsync();
        server.Store.SeedCustomers([1]);
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync(FakeStripeHttp.CustomerPath("cus_neverexisted"));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Matches("^req_", response.Header("Request-Id"));
        var error = (await response.ReadJsonAsync()).Error();
        Assert.Equal("invalid_request_error", error.Text("type"));
        Assert.Equal("resource_missing", error.Text("code"));
        Assert.Equal("id", error.Text("param"));
        Assert.Equal("No such customer: 'cus_neverexisted'", error.Text("message"));
        Assert.Equal("https://stripe.com/docs/error-codes/resource-missing", error.Text("doc_url"));
    }

    [Theory]
    [InlineData("?expand[]=default_source", "expand", null)]
    [InlineData("?expand=default_source", "expand", null)]
    [InlineData("?limit=1", "limit", "parameter_unknown")]
    [InlineData("?email=a%40example.com", "email", "parameter_unknown")]
    public async Task Refuses_parameters_as_the_other_routes_do(string query, string param, string? code)
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.SeedCustomers([1]).Single();
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync(FakeStripeHttp.CustomerPath(customer) + query);

        await response.AssertRefusedParameterAsync(param, code);
    }

    [Fact]
    public async Task Every_customer_retrieval_is_one_endpoint_of_its_own_for_the_per_endpoint_limit()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { GlobalPerSecond = double.PositiveInfinity, PerEndpointPerSecond = Trickle },
        });
        var customers = server.Store.SeedCustomers([1, 1]);
        server.Store.DeleteCustomer(customers[1]);
        using var client = FakeStripeHttp.CreateClient(server);

        // One bucket for all customers, deleted and unknown ones included: the second retrieval finds it empty.
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomerPath(customers[0])));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.CustomerPath(customers[1])));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.CustomerPath("cus_neverexisted")));

        // The customers list and a customer's transactions are other endpoints, with full buckets still.
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.TransactionsPath(customers[0])));

        var journal = server.Requests.Snapshot();
        Assert.Equal(new[] { 200, 429, 429, 200, 200 }, journal.Select(r => r.Status));
        Assert.Equal($"/v1/customers/{customers[0]}", journal[0].RawPath);
        Assert.All(journal, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task Customer_retrievals_count_against_the_global_limit()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { GlobalPerSecond = Trickle, PerEndpointPerSecond = double.PositiveInfinity },
        });
        var customer = server.Store.SeedCustomers([1]).Single();
        using var client = FakeStripeHttp.CreateClient(server);

        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomerPath(customer)));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.CustomerPath(customer)));
    }

    [Fact]
    public async Task Injected_faults_and_latency_apply_to_customer_retrievals()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = TimeSpan.FromMilliseconds(200) });
        var customer = server.Store.SeedCustomers([1]).Single();
        server.Faults.Enqueue(Fault.Status(503), method: "GET", pathContains: "/v1/customers/" + customer);
        using var client = FakeStripeHttp.CreateClient(server);

        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(503, await StatusAsync(client, FakeStripeHttp.CustomerPath(customer)));
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(190), $"answered after {started.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomerPath(customer)));
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal(new[] { 503, 200 }, server.Requests.Snapshot().Select(r => r.Status));
    }

    private static async Task<int> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (int)response.StatusCode;
    }
}
