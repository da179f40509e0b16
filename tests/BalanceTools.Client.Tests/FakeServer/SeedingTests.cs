using System.Diagnostics;
using BalanceTools.FakeStripe;
using Xunit;
using Xunit.Abstractions;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class SeedingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Seeding_a_million_transactions_is_fast_and_pages_stay_fast()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();

        var seeding = Stopwatch.StartNew();
        var ids = server.Store.Seed(customer, 1_000_000);
        seeding.Stop();
        output.WriteLine($"Seeded 1,000,000 transactions in {seeding.ElapsedMilliseconds} ms");

        Assert.Equal(1_000_000, ids.Count);
        Assert.Equal(1_000_000, server.Store.CountTransactions(customer));
        Assert.True(seeding.Elapsed < TimeSpan.FromSeconds(30));
        Assert.Equal(server.Store.FindTransaction(customer, ids[^1])!.EndingBalance, server.Store.Balance(customer));

        using var client = FakeStripeHttp.CreateClient(server);
        var paging = Stopwatch.StartNew();
        string? cursor = null;
        var expectedIndex = ids.Count - 1;
        const int pages = 500;
        for (var page = 0; page < pages; page++)
        {
            var list = await client.GetJsonAsync(
                FakeStripeHttp.TransactionsPath(customer) + "?limit=100" + (cursor is null ? string.Empty : "&starting_after=" + cursor));
            var pageIds = list.Ids();
            Assert.Equal(100, pageIds.Length);
            Assert.Equal(ids[expectedIndex], pageIds[0]);
            expectedIndex -= 100;
            cursor = pageIds[^1];
        }

        paging.Stop();
        output.WriteLine(
            $"Paged {pages * 100:N0} objects in {paging.ElapsedMilliseconds} ms ({pages * 100 / paging.Elapsed.TotalSeconds:N0} objects/s)");
    }

    [Fact]
    public async Task Seeded_transactions_follow_the_documented_pattern()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();

        var ids = server.Store.Seed(customer, 20, "EUR", firstCreated: 1_000, spacingSeconds: 10, invoiceFor: i => i % 5 == 0 ? "in_" + i : null);

        var running = 0L;
        for (var i = 0; i < ids.Count; i++)
        {
            var transaction = server.Store.FindTransaction(customer, ids[i])!;
            Assert.NotEqual(0, transaction.Amount);
            running += transaction.Amount;
            Assert.Equal(running, transaction.EndingBalance);
            Assert.Equal(1_000 + (i * 10), transaction.Created);
            Assert.Equal("eur", transaction.Currency);
            Assert.Equal("adjustment", transaction.Type);
            Assert.Equal($"Seeded #{i}", transaction.Description);
            Assert.Equal(i % 5 == 0 ? "in_" + i : null, transaction.Invoice);
            Assert.Empty(transaction.Metadata);
        }
    }

    [Fact]
    public async Task Listed_transaction_ids_are_the_order_the_list_pages_them_in_ties_included()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.SeedCustomers([12]).Single();
        server.Store.Seed(customer, 9, spacingSeconds: 0);
        using var client = FakeStripeHttp.CreateClient(server);

        var paged = new List<string>();
        var page = await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(customer) + "?limit=4");
        paged.AddRange(page.Ids());
        while (page.GetProperty("has_more").GetBoolean())
        {
            page = await client.GetJsonAsync(FakeStripeHttp.TransactionsPath(customer) + "?limit=4&starting_after=" + paged[^1]);
            paged.AddRange(page.Ids());
        }

        Assert.Equal(21, paged.Count);
        Assert.Equal(paged, server.Store.ListedTransactionIds(customer));
        Assert.Empty(server.Store.ListedTransactionIds(server.Store.CreateCustomer()));
    }
}
