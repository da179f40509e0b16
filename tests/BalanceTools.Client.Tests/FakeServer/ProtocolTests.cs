using System.Net.Http.Headers;
using System.Text;
using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class ProtocolTests
{
    [Fact]
    public async Task Every_response_carries_a_request_id_and_json_content_type()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        using var client = FakeStripeHttp.CreateClient(server);
        using var anonymous = new HttpClient { BaseAddress = server.BaseUri };

        using var ok = await client.GetAsync(FakeStripeHttp.TransactionsPath(customer));
        using var unknownRoute = await client.GetAsync("v1/foo");
        using var unknownCustomer = await client.GetAsync(FakeStripeHttp.TransactionsPath("cus_nobody"));
        using var unauthenticated = await anonymous.GetAsync(FakeStripeHttp.TransactionsPath(customer));

        var responses = new[] { ok, unknownRoute, unknownCustomer, unauthenticated };
        Assert.Equal(new[] { 200, 404, 404, 401 }, responses.Select(response => (int)response.StatusCode));
        foreach (var response in responses)
        {
            Assert.Matches("^req_[A-Za-z0-9]{14}$", response.Header("Request-Id"));
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal("Unrecognized request URL (GET: /v1/foo).", (await unknownRoute.ReadJsonAsync()).Error().Text("message"));
        Assert.Equal("No such customer: 'cus_nobody'", (await unknownCustomer.ReadJsonAsync()).Error().Text("message"));
        Assert.StartsWith("You did not provide an API key.", (await unauthenticated.ReadJsonAsync()).Error().Text("message"));
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_only_its_last_four_characters_are_shown()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        using var client = FakeStripeHttp.CreateClient(server, "sk_test_wrong_secret_ending_in_wxyz");

        using var response = await client.GetAsync(FakeStripeHttp.TransactionsPath(customer));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Invalid API Key provided: sk_test_****wxyz", (await response.ReadJsonAsync()).Error().Text("message"));
    }

    [Fact]
    public async Task Basic_auth_with_the_key_as_user_name_is_accepted()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        using var client = new HttpClient { BaseAddress = server.BaseUri };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(server.ApiKey + ":")));

        using var response = await client.GetAsync(FakeStripeHttp.TransactionsPath(customer));

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task Echoes_stripe_version_and_account_and_records_raw_requests()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        using var client = FakeStripeHttp.CreateClient(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, FakeStripeHttp.TransactionsPath(customer) + "?limit=3&expand%5B0%5D=data.customer");
        request.Headers.Add("Stripe-Version", "2024-06-20");
        request.Headers.Add("Stripe-Account", "acct_123");

        using var response = await client.SendAsync(request);

        Assert.Equal("2024-06-20", response.Header("Stripe-Version"));
        Assert.Equal("acct_123", response.Header("Stripe-Account"));
        var recorded = Assert.Single(server.Requests.Snapshot());
        Assert.Equal("GET", recorded.Method);
        Assert.Equal($"/v1/customers/{customer}/balance_transactions", recorded.RawPath);
        Assert.Equal("limit=3&expand%5B0%5D=data.customer", recorded.RawQuery);
        Assert.Equal("acct_123", recorded.Headers["stripe-account"]);
    }

    [Fact]
    public async Task An_encoded_slash_in_a_customer_id_is_just_an_unknown_customer()
    {
        await using var server = await FakeStripeServer.StartAsync();
        server.Store.CreateCustomer(id: "cus_a");
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync("v1/customers/cus_a%2Fbalance_transactions/balance_transactions");

        Assert.Equal(404, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync()).Error();
        Assert.Equal("customer", error.Text("param"));
        Assert.Equal("No such customer: 'cus_a/balance_transactions'", error.Text("message"));
        Assert.Equal("/v1/customers/cus_a%2Fbalance_transactions/balance_transactions", server.Requests.Snapshot()[0].RawPath);
    }
}
