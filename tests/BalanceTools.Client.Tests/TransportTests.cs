using System.Net;
using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

/// <summary>The process-wide transport, strict reading of responses, and what a failure's text may show.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Clients_created_one_after_another_share_one_warm_connection()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        server.Store.Seed(customer, 1, "usd");

        for (var call = 0; call < 25; call++)
        {
            using var client = new CustomerBalanceTransactionClient(StripeFixture.ClientOptions(server));
            Assert.Single((await client.ListAsync(customer)).Data);
        }

        Assert.Equal(25, server.Requests.Count);
        Assert.Equal(1, server.Connections.Accepted);
    }

    [Fact]
    public async Task Clients_with_different_proxy_settings_do_not_share_connections_and_per_call_settings_stay_per_call()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { AdditionalApiKeys = new[] { "sk_test_second_0123456789abcdefghij" } });
        var customer = server.Store.CreateCustomer("usd");

        var direct = StripeFixture.ClientOptions(server);
        direct.Proxy = ProxySettings.None;
        var second = StripeFixture.ClientOptions(server);
        second.ApiKey = new StripeApiKey("sk_test_second_0123456789abcdefghij");
        second.StripeAccount = "acct_1032D82eZvKYlo2C";
        using (var viaSystem = new CustomerBalanceTransactionClient(StripeFixture.ClientOptions(server)))
        using (var viaNone = new CustomerBalanceTransactionClient(direct))
        using (var otherKey = new CustomerBalanceTransactionClient(second))
        {
            await viaSystem.ListAsync(customer);
            await viaNone.ListAsync(customer);
            await otherKey.ListAsync(customer);
        }

        // One connection for the system's proxy settings and one for no proxy; the other key and account reuse the first.
        Assert.Equal(2, server.Connections.Accepted);
        var requests = server.Requests.Snapshot();
        Assert.Equal("Bearer " + server.ApiKey, requests[1].Headers["authorization"]);
        Assert.Equal("Bearer sk_test_second_0123456789abcdefghij", requests[2].Headers["authorization"]);
        Assert.False(requests[1].Headers.ContainsKey("stripe-account"));
        Assert.Equal("acct_1032D82eZvKYlo2C", requests[2].Headers["stripe-account"]);
    }

    [Fact]
    public async Task Each_client_names_its_own_application_in_the_user_agent_over_the_shared_connection()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        foreach (var application in new[] { "RunbookA/1.0", "RunbookB/2.0" })
        {
            var options = StripeFixture.ClientOptions(server);
            options.ApplicationInfo = application;
            using var client = new CustomerBalanceTransactionClient(options);
            await client.ListAsync(customer);
        }

        var agents = server.Requests.Snapshot().Select(request => request.Headers["user-agent"]).ToList();
        Assert.EndsWith(" RunbookA/1.0", agents[0]);
        Assert.EndsWith(" RunbookB/2.0", agents[1]);
        Assert.All(agents, agent => Assert.StartsWith("BalanceTools/", agent));
        Assert.Equal(1, server.Connections.Accepted);
    }

    [Theory]
    [InlineData("amount", FieldDefect.Missing, "the balance transaction at data[0] has no 'amount'")]
    [InlineData("id", FieldDefect.Null, "'id' of the balance transaction at data[0] is null, not text")]
    [InlineData("created", FieldDefect.WrongType, "'created' of the balance transaction at data[0] is text, not a whole number")]
    [InlineData("has_more", FieldDefect.Missing, "the list has no 'has_more'")]
    public async Task A_malformed_list_is_an_error_that_names_the_field_the_request_id_and_the_path(string field, FieldDefect defect, string expected)
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 3, "usd");
        stripe.Server.Faults.Enqueue(Fault.MalformedObject(field, defect));

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Equal(StripeFailureKind.InvalidResponse, error.Kind);
        Assert.Equal(StripeErrorClass.InvalidResponse, error.ErrorClass);
        Assert.Contains(expected, error.Message);
        Assert.NotNull(error.RequestId);
        Assert.Contains("Request id: " + error.RequestId, error.Message);
        Assert.Contains($"GET /v1/customers/{stripe.Customer}/balance_transactions", error.Message);
        Assert.Equal(1, error.Attempts);
    }

    [Fact]
    public async Task A_created_transaction_answered_without_its_amount_is_an_error_that_says_it_may_have_taken_effect()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.MalformedObject("amount"));

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(-500)));

        Assert.Contains("the balance transaction has no 'amount'", error.Message);
        Assert.True(error.MayHaveSucceeded);
        Assert.Contains(error.IdempotencyKey!, error.Message);
    }

    [Fact]
    public async Task A_customer_page_without_a_balance_stops_the_customer_listing()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.MalformedObject("balance"), pathContains: "/v1/customers");

        var error = await Assert.ThrowsAsync<StripeException>(async () =>
        {
            await foreach (var customer in stripe.Client.ListCustomersAutoPagingAsync())
            {
                Assert.Fail("No customer may come from a malformed page, but " + customer.Id + " did.");
            }
        });

        Assert.Contains("the customer at data[0] has no 'balance'", error.Message);
        Assert.Contains("GET /v1/customers", error.Message);
    }

    [Fact]
    public async Task A_proxys_407_is_a_plain_failure_that_is_not_retried_and_says_what_to_give()
    {
        await using var stripe = await StripeFixture.StartAsync(options => options.MaxNetworkRetries = 2);
        stripe.Server.Faults.Enqueue(Fault.Status(407, message: "Proxy Authentication Required"));

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Equal(StripeFailureKind.ProxyAuthenticationRequired, error.Kind);
        Assert.Equal(StripeErrorClass.ProxyAuthentication, error.ErrorClass);
        Assert.Equal(1, error.Attempts);
        Assert.False(error.MayHaveSucceeded);
        Assert.Contains("The proxy refused to pass the request on to Stripe", error.Message);
        Assert.Contains("answered 407 Proxy Authentication Required", error.Message);
        Assert.Contains("-ProxyCredential", error.Message);
        Assert.Single(stripe.Requests);
    }

    [Theory]
    [InlineData("txn_1MrU9qLkdIwHu7ix")]
    [InlineData("cbtxn_")]
    [InlineData("cbtxn_a.b")]
    public async Task The_client_refuses_the_ids_the_cmdlets_refuse_with_the_same_words(string id)
    {
        await using var stripe = await StripeFixture.StartAsync();

        var error = await Assert.ThrowsAsync<StripeInputException>(() => stripe.Client.RetrieveAsync(stripe.Customer, id));

        Assert.Equal(StripeIdKind.BalanceTransaction.Problem(id), error.Message);
        Assert.Empty(stripe.Requests);
    }

    [Fact]
    public void The_authorization_header_is_built_once_per_key()
    {
        var key = new StripeApiKey("sk_test_51HxYzAbCdEfGhIjKlMnOp");

        Assert.Same(key.AuthorizationHeaderValue, key.AuthorizationHeaderValue);
        Assert.Equal("Bearer sk_test_51HxYzAbCdEfGhIjKlMnOp", key.AuthorizationHeaderValue);
    }

    [Fact]
    public void A_response_buffer_goes_back_to_the_shared_pool_cleared()
    {
        var body = System.Text.Encoding.UTF8.GetBytes("{\"id\":\"cbtxn_1\",\"amount\":-500,\"description\":\"refund for order 6735\"}");
        using var message = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) };
        var response = (BufferedResponse)BufferedResponse.From(message, new RestSharp.RestRequest("v1/x"));
        var rented = (byte[])typeof(BufferedResponse).GetField("buffer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(response)!;
        Assert.Equal(body, response.Body.ToArray());

        response.Dispose();

        Assert.True(response.Body.IsEmpty);
        Assert.All(rented, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Network_error_text_never_shows_the_key_or_a_proxy_password()
    {
        var key = new StripeApiKey("sk_test_51HxYzAbCdEfGhIjKlMnOp");
        var proxy = ProxySettings.Through(new Uri("http://proxy.example.com:3128"), new NetworkCredential("ops", "Pr0xy-S3cret"));
        var text = "The proxy tunnel request to proxy 'http://ops:Env-S3cret@proxy.example.com:3128/' failed; sent sk_test_51HxYzAbCdEfGhIjKlMnOp as Pr0xy-S3cret.";

        var scrubbed = NetworkErrorText.Scrub(text, key, proxy);

        Assert.Equal("The proxy tunnel request to proxy 'http://ops:****@proxy.example.com:3128/' failed; sent sk_test_****MnOp as ****.", scrubbed);
    }

    [Theory]
    [InlineData("proxy.example.com:8080", "is not a proxy address")]
    [InlineData("ftp://proxy.example.com", "is not a proxy address")]
    [InlineData("/relative", "is not a proxy address")]
    [InlineData("http://ops:Pr0xy-S3cret@proxy.example.com:3128", "has a user name or password in it")]
    public void Proxy_addresses_that_cannot_be_used_are_refused_in_plain_words_without_the_password(string text, string expected)
    {
        var problem = InputRules.ProxyUri(text, out var uri);

        Assert.NotNull(problem);
        Assert.Contains(expected, problem);
        Assert.DoesNotContain("Pr0xy-S3cret", problem);
        if (uri is not null)
        {
            Assert.Equal(problem, Assert.Throws<StripeInputException>(() => ProxySettings.Through(uri)).Message);
        }
    }

    [Fact]
    public void A_proxy_shows_its_address_and_user_but_never_its_password_and_a_new_password_is_a_new_transport()
    {
        var address = new Uri("http://proxy.example.com:3128");
        var first = ProxySettings.Through(address, new NetworkCredential("ops", "Pr0xy-S3cret"));
        var same = ProxySettings.Through(address, new NetworkCredential("ops", "Pr0xy-S3cret"));
        var changed = ProxySettings.Through(address, new NetworkCredential("ops", "N3w-S3cret"));

        Assert.Equal("http://proxy.example.com:3128 as ops", first.ToString());
        Assert.DoesNotContain("Pr0xy-S3cret", first.Identity);
        Assert.Equal(first.Identity, same.Identity);
        Assert.NotEqual(first.Identity, changed.Identity);
        Assert.Throws<StripeInputException>(() => ProxySettings.Through(address, new NetworkCredential("ops", "x"), useDefaultCredentials: true));
    }
}
