using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class CustomerSeedingTests
{
    [Fact]
    public async Task Seeds_one_customer_per_count_zero_included_in_creation_order()
    {
        await using var server = await FakeStripeServer.StartAsync();
        int[] counts = [0, 3, 0, 250, 1];

        var ids = server.Store.SeedCustomers(counts);

        Assert.Equal(counts.Length, ids.Count);
        Assert.Equal(counts.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^cus_[0-9A-Za-z]{14}$", id));
        Assert.Equal(counts, ids.Select(server.Store.CountTransactions));
        Assert.Equal(counts.Length, server.Store.CountCustomers());
        var created = ids.Select(server.Store.CustomerCreated).ToArray();
        Assert.Equal(Enumerable.Range(0, counts.Length).Select(i => created[0] + i), created);
        Assert.True(created[^1] + counts.Max() <= DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "seeded transactions lie in the future");

        using var client = FakeStripeHttp.CreateClient(server);
        Assert.Equal(ids.Reverse(), (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).Ids());
        var empty = await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(ids[0]));
        Assert.Empty(empty.Ids());
        Assert.False(empty.GetProperty("has_more").GetBoolean());
        var full = await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(ids[3]) + "?limit=100");
        Assert.Equal(100, full.Ids().Length);
        Assert.True(full.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task No_seeded_transaction_predates_its_customer_or_lies_in_the_future()
    {
        await using var server = await FakeStripeServer.StartAsync();
        server.Store.CreateCustomer("usd");

        var ids = server.Store.SeedCustomers([5, 40, 1]);

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var client = FakeStripeHttp.CreateClient(server);
        foreach (var id in ids)
        {
            var transactions = (await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(id) + "?limit=100")).GetProperty("data").EnumerateArray();
            Assert.All(transactions, t =>
            {
                Assert.InRange(t.GetProperty("created").GetInt64(), server.Store.CustomerCreated(id), now);
                Assert.Equal("usd", t.Text("currency"));
            });
        }
    }

    [Fact]
    public async Task Seeds_in_the_currency_given_and_refuses_negative_counts_before_creating_anything()
    {
        await using var server = await FakeStripeServer.StartAsync();

        var euro = server.Store.SeedCustomers([2, 0], "EUR");

        using var client = FakeStripeHttp.CreateClient(server);
        Assert.All(
            (await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(euro[0]))).GetProperty("data").EnumerateArray(),
            transaction => Assert.Equal("eur", transaction.Text("currency")));
        Assert.All(
            (await client.GetJsonAsync(FakeStripeHttp.CustomersPath)).GetProperty("data").EnumerateArray(),
            customer => Assert.Equal("eur", customer.Text("currency")));
        Assert.Empty(server.Store.SeedCustomers([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Store.SeedCustomers([1, -1]));
        Assert.Equal(2, server.Store.CountCustomers());
    }
}
