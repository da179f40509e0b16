using System.Text.Json;
using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class CreateAndUpdateTests
{
    [Fact]
    public async Task Create_updates_the_running_balance_and_adopts_the_currency()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        using var first = await client.PostFormAsync(path, "amount=500&currency=EUR&description=Goodwill+credit%20note");
        var created = await first.ReadJsonAsync();
        using var second = await client.PostFormAsync(path, "amount=-200&currency=eur");
        var debit = await second.ReadJsonAsync();

        Assert.Equal(200, (int)first.StatusCode);
        Assert.StartsWith("cbtxn_", created.Text("id"));
        Assert.Equal("customer_balance_transaction", created.Text("object"));
        Assert.Equal("eur", created.Text("currency"));
        Assert.Equal("adjustment", created.Text("type"));
        Assert.Equal("Goodwill credit note", created.Text("description"));
        Assert.Equal(500, created.GetProperty("ending_balance").GetInt64());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("checkout_session").ValueKind);
        Assert.False(created.GetProperty("livemode").GetBoolean());
        Assert.Equal(300, debit.GetProperty("ending_balance").GetInt64());
        Assert.True(debit.GetProperty("created").GetInt64() >= created.GetProperty("created").GetInt64());
        Assert.Equal(300, server.Store.Balance(customer));
    }

    [Fact]
    public async Task Create_refuses_a_currency_other_than_the_customers()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), "amount=100&currency=eur");

        Assert.Equal(400, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync()).Error();
        Assert.Equal("currency", error.Text("param"));
        Assert.Equal("The currency of this customer balance transaction (eur) must match the customer's currency (usd).", error.Text("message"));
        Assert.Equal(0, server.Store.CountTransactions(customer));
    }

    [Theory]
    [InlineData("currency=usd", "amount", "parameter_missing")]
    [InlineData("amount=100", "currency", "parameter_missing")]
    [InlineData("amount=0&currency=usd", "amount", null)]
    [InlineData("amount=ten&currency=usd", "amount", "parameter_invalid_integer")]
    [InlineData("amount=1&currency=usd&colour=blue", "colour", "parameter_unknown")]
    public async Task Create_validates_parameters(string body, string param, string? code)
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), body);

        Assert.Equal(400, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync()).Error();
        Assert.Equal(param, error.Text("param"));
        Assert.Equal(code, error.Text("code"));
    }

    [Fact]
    public async Task Update_merges_unsets_and_clears_metadata()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var id = server.Store.Seed(customer, 1)[0];
        using var client = FakeStripeHttp.CreateClient(server);
        var path = $"{FakeStripeHttp.TransactionsPath(customer)}/{id}";

        using (var set = await client.PostFormAsync(path, "metadata[a]=1&metadata[b]=2&metadata[gone]="))
        {
            Assert.Equal("""{"a":"1","b":"2"}""", (await set.ReadJsonAsync()).GetProperty("metadata").GetRawText());
        }

        using (var merge = await client.PostFormAsync(path, "metadata[b]=&metadata[c]=3&description=Edited"))
        {
            var merged = await merge.ReadJsonAsync();
            Assert.Equal("""{"a":"1","c":"3"}""", merged.GetProperty("metadata").GetRawText());
            Assert.Equal("Edited", merged.Text("description"));
        }

        using (var clear = await client.PostFormAsync(path, "metadata="))
        {
            Assert.Equal("{}", (await clear.ReadJsonAsync()).GetProperty("metadata").GetRawText());
        }

        Assert.Empty(server.Store.FindTransaction(customer, id)!.Metadata);
        Assert.Equal("Edited", server.Store.FindTransaction(customer, id)!.Description);
    }

    [Fact]
    public async Task Update_refuses_immutable_fields_and_unknown_transactions()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var id = server.Store.Seed(customer, 1)[0];
        using var client = FakeStripeHttp.CreateClient(server);

        using var amount = await client.PostFormAsync($"{FakeStripeHttp.TransactionsPath(customer)}/{id}", "amount=5");
        using var missing = await client.PostFormAsync($"{FakeStripeHttp.TransactionsPath(customer)}/cbtxn_missing", "description=x");

        Assert.Equal(400, (int)amount.StatusCode);
        Assert.Equal("Received unknown parameter: amount", (await amount.ReadJsonAsync()).Error().Text("message"));
        Assert.Equal(404, (int)missing.StatusCode);
        var error = (await missing.ReadJsonAsync()).Error();
        Assert.Equal("transaction", error.Text("param"));
        Assert.Equal("resource_missing", error.Text("code"));
    }

    [Fact]
    public async Task Retrieve_expands_customer()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        var id = server.Store.Seed(customer, 1)[0];
        using var client = FakeStripeHttp.CreateClient(server);

        var transaction = await client.GetJsonAsync($"{FakeStripeHttp.TransactionsPath(customer)}/{id}?expand[]=customer");

        Assert.Equal(id, transaction.Text("id"));
        Assert.Equal(customer, transaction.GetProperty("customer").Text("id"));
        Assert.Equal("usd", transaction.GetProperty("customer").Text("currency"));
    }
}
