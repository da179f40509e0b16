using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class ListTests
{
    [Fact]
    public async Task Lists_newest_first_and_pages_with_starting_after()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var ids = server.Store.Seed(customer, 25);
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        var first = await client.GetJsonAsync(path);
        Assert.Equal("list", first.GetProperty("object").GetString());
        Assert.Equal($"/v1/customers/{customer}/balance_transactions", first.GetProperty("url").GetString());
        Assert.True(first.GetProperty("has_more").GetBoolean());
        Assert.Equal(ids.Reverse().Take(10), first.Ids());

        var second = await client.GetJsonAsync($"{path}?limit=10&starting_after={first.Ids()[^1]}");
        Assert.Equal(ids.Reverse().Skip(10).Take(10), second.Ids());
        Assert.True(second.GetProperty("has_more").GetBoolean());

        var last = await client.GetJsonAsync($"{path}?limit=10&starting_after={second.Ids()[^1]}");
        Assert.Equal(ids.Reverse().Skip(20), last.Ids());
        Assert.False(last.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Ending_before_returns_the_objects_just_newer_than_the_cursor()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var ids = server.Store.Seed(customer, 25);
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        var middle = await client.GetJsonAsync($"{path}?limit=3&ending_before={ids[5]}");
        Assert.Equal(new[] { ids[8], ids[7], ids[6] }, middle.Ids());
        Assert.True(middle.GetProperty("has_more").GetBoolean());

        var top = await client.GetJsonAsync($"{path}?limit=10&ending_before={ids[22]}");
        Assert.Equal(new[] { ids[24], ids[23] }, top.Ids());
        Assert.False(top.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task Filters_by_created_range_and_invoice()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var ids = server.Store.Seed(customer, 50, firstCreated: 1_000, spacingSeconds: 10, invoiceFor: i => i % 3 == 0 ? "in_three" : null);
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        var range = await client.GetJsonAsync($"{path}?created%5Bgte%5D=1050&created[lt]=1100");
        Assert.Equal(new[] { ids[9], ids[8], ids[7], ids[6], ids[5] }, range.Ids());

        var exact = await client.GetJsonAsync($"{path}?created=1200");
        Assert.Equal(new[] { ids[20] }, exact.Ids());

        var invoice = await client.GetJsonAsync($"{path}?invoice=in_three&created[gt]=1000&created[lte]=1300&limit=100");
        Assert.Equal(new[] { ids[30], ids[27], ids[24], ids[21], ids[18], ids[15], ids[12], ids[9], ids[6], ids[3] }, invoice.Ids());
    }

    [Fact]
    public async Task Expands_customer_and_invoice_in_lists()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        server.Store.Seed(customer, 2, invoiceFor: _ => "in_123");
        using var client = FakeStripeHttp.CreateClient(server);

        var list = await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(customer) + "?expand[0]=data.customer&expand[]=data.invoice");

        var item = list.GetProperty("data")[0];
        Assert.Equal("customer", item.GetProperty("customer").GetProperty("object").GetString());
        Assert.Equal(server.Store.Balance(customer), item.GetProperty("customer").GetProperty("balance").GetInt64());
        Assert.Equal("in_123", item.GetProperty("invoice").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("?limit=0", "limit", null)]
    [InlineData("?limit=101", "limit", null)]
    [InlineData("?created[gte]=soon", "created[gte]", "parameter_invalid_integer")]
    [InlineData("?starting_after=cbtxn_missing", "starting_after", "resource_missing")]
    [InlineData("?ending_before=cbtxn_missing", "ending_before", "resource_missing")]
    [InlineData("?expand[]=customer", "expand", null)]
    [InlineData("?colour=blue", "colour", "parameter_unknown")]
    public async Task Rejects_invalid_list_parameters(string query, string param, string? code)
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        server.Store.Seed(customer, 3);
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync(FakeStripeHttp.TransactionsPath(customer) + query);

        await response.AssertRefusedParameterAsync(param, code);
    }

    [Fact]
    public async Task Refuses_both_cursors_at_once()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var ids = server.Store.Seed(customer, 3);
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync($"{FakeStripeHttp.TransactionsPath(customer)}?starting_after={ids[1]}&ending_before={ids[0]}");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(
            "You may only specify one of these parameters: ending_before, starting_after.",
            (await response.ReadJsonAsync()).Error().Text("message"));
    }
}
