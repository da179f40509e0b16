using System.Text.Json;
using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class CustomerListTests
{
    [Fact]
    public async Task Lists_customers_newest_first_and_pages_forward_with_starting_after()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers(Enumerable.Repeat(0, 25).ToArray());
        using var client = FakeStripeHttp.CreateClient(server);

        var first = await client.GetJsonAsync(FakeStripeHttp.CustomersPath);
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.Equal("/v1/customers", first.GetProperty("url").GetString());
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids.Reverse().Take(10), first.Ids());

        var seen = new List<string>(first.Ids());
        var page = first;
        while (page.GetProperty("has_more").GetBoolean())
        {
            page = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=7&starting_after={seen[^1]}");
            seen.AddRange(page.Ids());
        }

        Assert.Equal(ids.Reverse(), seen);
        var all = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=100");
        Assert.Equal(ids.Reverse(), all.Ids());
        Assert.False(all.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Ending_before_returns_the_customers_just_newer_than_the_cursor()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers(Enumerable.Repeat(0, 25).ToArray());
        using var client = FakeStripeHttp.CreateClient(server);

        var middle = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=3&ending_before={ids[5]}");
        Assert.Equal(new[] { ids[8], ids[7], ids[6] }, middle.Ids());
        Assert.True(middle.GetProperty("has_more").GetBoolean());

        var top = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=10&ending_before={ids[22]}");
        Assert.Equal(new[] { ids[24], ids[23] }, top.Ids());
        Assert.False(top.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Every_customer_gets_a_later_created_than_the_one_before()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var created = new List<string> { server.Store.CreateCustomer() };
        created.AddRange(server.Store.SeedCustomers([1, 0]));
        created.Add(server.Store.CreateCustomer("usd"));
        created.AddRange(server.Store.SeedCustomers([0]));

        var times = created.Select(server.Store.CustomerCreated).ToArray();

        Assert.All(times.Zip(times.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.Second} is not after {pair.First}"));
        using var client = FakeStripeHttp.CreateClient(server);
        var list = await client.GetJsonAsync(FakeStripeHttp.CustomersPath);
        Assert.Equal(created.AsEnumerable().Reverse(), list.Ids());
        Assert.Equal(times.AsEnumerable().Reverse(), list.GetProperty("data").EnumerateArray().Select(c => c.GetProperty("created").GetInt64()));
    }

    [Fact]
    public async Task Filters_by_created_alone_and_with_cursors()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers(Enumerable.Repeat(0, 10).ToArray());
        var c0 = server.Store.CustomerCreated(ids[0]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => c0 + i), ids.Select(server.Store.CustomerCreated));
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.CustomersPath;

        var range = await client.GetJsonAsync($"{path}?created%5Bgte%5D={c0 + 3}&created[lt]={c0 + 7}");
        Assert.Equal(new[] { ids[6], ids[5], ids[4], ids[3] }, range.Ids());
        var exact = await client.GetJsonAsync($"{path}?created={c0 + 5}");
        Assert.Equal(new[] { ids[5] }, exact.Ids());
        var newer = await client.GetJsonAsync($"{path}?created[gt]={c0 + 7}");
        Assert.Equal(new[] { ids[9], ids[8] }, newer.Ids());
        var older = await client.GetJsonAsync($"{path}?created[lte]={c0 + 1}");
        Assert.Equal(new[] { ids[1], ids[0] }, older.Ids());

        var continued = await client.GetJsonAsync($"{path}?created[gte]={c0 + 2}&limit=2&starting_after={ids[6]}");
        Assert.Equal(new[] { ids[5], ids[4] }, continued.Ids());
        Assert.True(continued.GetProperty("has_more").GetBoolean());
        var back = await client.GetJsonAsync($"{path}?created[lte]={c0 + 7}&limit=5&ending_before={ids[4]}");
        Assert.Equal(new[] { ids[7], ids[6], ids[5] }, back.Ids());
        Assert.False(back.GetProperty("has_more").GetBoolean());
        var none = await client.GetJsonAsync($"{path}?created[gt]=9223372036854775807");
        Assert.Empty(none.Ids());
        Assert.False(none.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Customers_have_stripes_shape_with_their_current_balance()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var bare = server.Store.CreateCustomer();
        var euro = server.Store.CreateCustomer("EUR");
        server.Store.Seed(euro, 3, "eur");
        var seeded = server.Store.SeedCustomers([2]).Single();
        using var client = FakeStripeHttp.CreateClient(server);

        var data = (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).GetProperty("data").EnumerateArray().ToArray();

        Assert.Equal(new[] { seeded, euro, bare }, data.Select(c => c.Text("id")));
        var customer = data[1];
        Assert.Equal("customer", customer.Text("object"));
        Assert.Equal(server.Store.CustomerCreated(euro), customer.GetProperty("created").GetInt64());
        Assert.Equal("eur", customer.Text("currency"));
        Assert.Equal(server.Store.Balance(euro), customer.GetProperty("balance").GetInt64());
        Assert.NotEqual(0, server.Store.Balance(euro));
        Assert.False(customer.GetProperty("livemode").GetBoolean());
        Assert.False(customer.GetProperty("delinquent").GetBoolean());
        Assert.Equal(JsonValueKind.Object, customer.GetProperty("metadata").ValueKind);
        Assert.Empty(customer.GetProperty("metadata").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, customer.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, data[2].GetProperty("currency").ValueKind);
        Assert.Equal("Seeded customer #0", data[0].Text("name"));
        Assert.Equal(seeded + "@example.com", data[0].Text("email"));
        Assert.Equal("usd", data[0].Text("currency"));
    }

    [Fact]
    public async Task An_expanded_customer_on_a_transaction_is_the_same_object_as_in_the_customers_list()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.SeedCustomers([2]).Single();
        using var client = FakeStripeHttp.CreateClient(server);

        var listed = (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).GetProperty("data")[0];
        var expanded = (await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(customer) + "?expand[]=data.customer"))
            .GetProperty("data")[0].GetProperty("customer");

        Assert.Equal(listed.GetRawText(), expanded.GetRawText());
    }

    [Theory]
    [InlineData("?limit=0", "limit", null)]
    [InlineData("?limit=101", "limit", null)]
    [InlineData("?limit=ten", "limit", "parameter_invalid_integer")]
    [InlineData("?created[gte]=soon", "created[gte]", "parameter_invalid_integer")]
    [InlineData("?created[since]=1", "created[since]", "parameter_unknown")]
    [InlineData("?starting_after=cus_missing", "starting_after", "resource_missing")]
    [InlineData("?ending_before=cus_missing", "ending_before", "resource_missing")]
    [InlineData("?expand[]=data.default_source", "expand", null)]
    [InlineData("?invoice=in_1", "invoice", "parameter_unknown")]
    [InlineData("?email=a%40example.com", "email", "parameter_unknown")]
    public async Task Rejects_invalid_list_parameters(string query, string param, string? code)
    {
        await using var server = await FakeStripeServer.StartAsync();
        server.Store.SeedCustomers([0, 0, 0]);
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync(FakeStripeHttp.CustomersPath + query);

        Assert.Matches("^req_", response.Header("Request-Id"));
        await response.AssertRefusedParameterAsync(param, code);
    }

    [Fact]
    public async Task An_unknown_cursor_names_the_customer_as_stripe_does()
    {
        await using var server = await FakeStripeServer.StartAsync();
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync(FakeStripeHttp.CustomersPath + "?starting_after=cus_gone");

        Assert.Equal("No such customer: 'cus_gone'", (await response.ReadJsonAsync()).Error().Text("message"));
    }

    [Fact]
    public async Task Refuses_both_cursors_at_once()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers([0, 0, 0]);
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync($"{FakeStripeHttp.CustomersPath}?starting_after={ids[1]}&ending_before={ids[0]}");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(
            "You may only specify one of these parameters: ending_before, starting_after.",
            (await response.ReadJsonAsync()).Error().Text("message"));
    }

    [Fact]
    public async Task A_deleted_customer_answers_404_and_leaves_the_list()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers([2, 3, 4]);
        var deleted = ids[1];
        var transaction = server.Store.Seed(deleted, 1)[0];
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(deleted);

        Assert.True(server.Store.DeleteCustomer(deleted));

        foreach (var response in new[]
        {
            await client.GetAsync(path),
            await client.GetAsync($"{path}/{transaction}"),
            await client.PostFormAsync(path, "amount=100&currency=usd"),
            await client.PostFormAsync($"{path}/{transaction}", "description=x"),
        })
        {
            using (response)
            {
                Assert.Equal(404, (int)response.StatusCode);
                var error = (await response.ReadJsonAsync()).Error();
                Assert.Equal("resource_missing", error.Text("code"));
                Assert.Equal("customer", error.Text("param"));
                Assert.Equal($"No such customer: '{deleted}'", error.Text("message"));
            }
        }

        Assert.Equal(new[] { ids[2], ids[0] }, (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).Ids());
        using var cursor = await client.GetAsync($"{FakeStripeHttp.CustomersPath}?starting_after={deleted}");
        Assert.Equal(400, (int)cursor.StatusCode);
        Assert.Equal("starting_after", (await cursor.ReadJsonAsync()).Error().Text("param"));
        Assert.Equal(2, server.Store.CountCustomers());
        Assert.False(server.Store.DeleteCustomer(deleted));
        Assert.Throws<KeyNotFoundException>(() => server.Store.CountTransactions(deleted));
        Assert.Equal(4, server.Store.CountTransactions(ids[2]));
    }

    [Fact]
    public async Task Pages_stay_consistent_when_customers_are_deleted_between_them()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers(Enumerable.Repeat(0, 12).ToArray());
        using var client = FakeStripeHttp.CreateClient(server);

        var first = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=4");
        server.Store.DeleteCustomer(ids[7]);
        server.Store.DeleteCustomer(ids[0]);
        var second = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=4&starting_after={first.Ids()[^1]}");
        var third = await client.GetJsonAsync($"{FakeStripeHttp.CustomersPath}?limit=4&starting_after={second.Ids()[^1]}");

        Assert.Equal(new[] { ids[11], ids[10], ids[9], ids[8] }, first.Ids());
        Assert.Equal(new[] { ids[6], ids[5], ids[4], ids[3] }, second.Ids());
        Assert.Equal(new[] { ids[2], ids[1] }, third.Ids());
        Assert.False(third.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Customers_seeded_in_bulk_share_created_seconds_and_page_in_one_fixed_order_through_the_ties()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var ids = server.Store.SeedCustomers(Enumerable.Repeat(0, 10).ToArray(), perSecond: 4);
        var c0 = server.Store.CustomerCreated(ids[0]);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => c0 + (i / 4)), ids.Select(server.Store.CustomerCreated));
        Assert.Equal(c0 + 3, server.Store.CustomerCreated(server.Store.CreateCustomer()));
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.CustomersPath;

        var seen = new List<string>();
        var page = await client.GetJsonAsync($"{path}?limit=3&created[lte]={c0 + 2}");
        seen.AddRange(page.Ids());
        while (page.GetProperty("has_more").GetBoolean())
        {
            page = await client.GetJsonAsync($"{path}?limit=3&created[lte]={c0 + 2}&starting_after={seen[^1]}");
            seen.AddRange(page.Ids());
        }

        Assert.Equal(ids.Reverse(), seen);
        var oneSecond = await client.GetJsonAsync($"{path}?created={c0 + 1}");
        Assert.Equal(new[] { ids[7], ids[6], ids[5], ids[4] }, oneSecond.Ids());

        server.Store.DeleteCustomer(ids[6]);
        var refused = await client.GetAsync($"{path}?created={c0 + 1}&starting_after={ids[6]}");
        Assert.Equal(400, (int)refused.StatusCode);
        var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("resource_missing", error.GetProperty("code").GetString());
        Assert.Equal("starting_after", error.GetProperty("param").GetString());
        var after = await client.GetJsonAsync($"{path}?created={c0 + 1}&starting_after={ids[7]}");
        Assert.Equal(new[] { ids[5], ids[4] }, after.Ids());
    }
}
