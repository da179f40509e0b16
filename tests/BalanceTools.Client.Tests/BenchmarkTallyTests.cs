using BalanceTools.Benchmarks;
using Xunit;

namespace BalanceTools.Client.Tests;

/// <summary>The whole-account benchmark's "every row once, in order" must fail an export that reorders rows, or it proves nothing.</summary>
public sealed class BenchmarkTallyTests
{
    private static readonly string[] NewestFirst = ["cbtxn_c", "cbtxn_b", "cbtxn_a"];

    [Fact]
    public void Rows_in_the_servers_order_match_its_listing()
    {
        var tally = new ExportTally();

        Hand(tally, "cus_1", NewestFirst);

        Assert.True(Measure(tally).EveryRowOnceInOrder(Expected("cus_1", NewestFirst)));
    }

    [Fact]
    public void Swapped_rows_fail_the_order_check_though_each_is_there_once()
    {
        var tally = new ExportTally();

        Hand(tally, "cus_1", ["cbtxn_c", "cbtxn_a", "cbtxn_b"]);

        var measurement = Measure(tally);
        Assert.Equal((3, 0, 0), (measurement.Rows, measurement.Duplicates, measurement.OutOfOrder));
        Assert.False(measurement.EveryRowOnceInOrder(Expected("cus_1", NewestFirst)));
    }

    [Fact]
    public void A_customer_whose_rows_are_interrupted_fails_the_check()
    {
        var tally = new ExportTally();

        tally.Row("cus_1", Transaction("cus_1", NewestFirst[0]));
        tally.Row("cus_2", Transaction("cus_2", "cbtxn_z"));
        Hand(tally, "cus_1", NewestFirst[1..]);
        tally.End("cus_2", null);

        var expected = new Dictionary<string, CustomerListing>(Expected("cus_1", NewestFirst))
        {
            ["cus_2"] = new CustomerListing(1, ListingDigest.Of(["cbtxn_z"])),
        };
        Assert.False(Measure(tally).EveryRowOnceInOrder(expected));
    }

    [Fact]
    public void A_customer_without_transactions_has_the_empty_listing()
    {
        var tally = new ExportTally();

        tally.End("cus_empty", null);

        Assert.True(Measure(tally).EveryRowOnceInOrder(Expected("cus_empty", [])));
    }

    [Fact]
    public void The_big_customer_is_created_in_the_middle_among_small_ones_the_same_on_every_run()
    {
        var counts = BigCustomerPopulation.TransactionCounts(60, 20_000);

        Assert.Equal(61, counts.Length);
        Assert.Equal(30, BigCustomerPopulation.BigIndex(60));
        Assert.Equal(20_000, counts[30]);
        Assert.All(counts.Where((_, i) => i != 30), n => Assert.InRange(n, 0, BigCustomerPopulation.MaxSmallTransactions));
        Assert.Equal(counts, BigCustomerPopulation.TransactionCounts(60, 20_000));
        Assert.Equal(1 + 200 + 60, FewestRequests.ForAccount(counts));
        Assert.Equal(200, FewestRequests.ForCustomer(20_000));
    }

    private static void Hand(ExportTally tally, string customer, IEnumerable<string> ids)
    {
        foreach (var id in ids)
        {
            tally.Row(customer, Transaction(customer, id));
        }

        tally.End(customer, null);
    }

    private static CustomerBalanceTransaction Transaction(string customer, string id) => new() { Id = id, Customer = customer };

    private static Dictionary<string, CustomerListing> Expected(string customer, string[] newestFirst) =>
        new(StringComparer.Ordinal) { [customer] = new CustomerListing(newestFirst.Length, ListingDigest.Of(newestFirst)) };

    private static ExportMeasurement Measure(ExportTally tally) => new(
        0, 0, 0, tally.Rows, tally.Duplicates, tally.OutOfOrder, tally.RateLimitedFailures, tally.OtherFailures, tally.FirstFailure,
        tally.RowsByCustomer, tally.ListingDigestByCustomer);
}
