using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// A fake server of its own holding exactly the benchmark's customers: a whole-account export lists every customer
/// the server has, so the single-customer benchmark's large customers must not be in it.
/// </summary>
public sealed class SeededAccount : IAsyncDisposable
{
    private SeededAccount(FakeStripeServer server, IReadOnlyList<string> customers, IReadOnlyDictionary<string, CustomerListing> expected, int minimumRequests)
    {
        Server = server;
        Customers = customers;
        Expected = expected;
        MinimumRequests = minimumRequests;
    }

    public FakeStripeServer Server { get; }

    /// <summary>The customer ids in creation order (oldest first; the customers list shows them newest first).</summary>
    public IReadOnlyList<string> Customers { get; }

    /// <summary>Each customer and what an export must hand on for it.</summary>
    public IReadOnlyDictionary<string, CustomerListing> Expected { get; }

    /// <summary>The fewest requests an export of the whole account can list them with (<see cref="FewestRequests.ForAccount"/>).</summary>
    public int MinimumRequests { get; }

    public int Transactions => Expected.Values.Sum(listing => listing.Transactions);

    /// <summary>
    /// Starts a server at <paramref name="setting"/>'s latency and limits with one customer per count, created in
    /// order, each customer's transactions one a second from its own <c>created</c> on.
    /// </summary>
    public static async Task<SeededAccount> StartAsync(RateSetting setting, IReadOnlyList<int> transactionCounts)
    {
        var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = setting.Latency, RateLimits = setting.ServerLimits() });
        var ids = server.Store.SeedCustomers(transactionCounts);
        var expected = new Dictionary<string, CustomerListing>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var listed = server.Store.ListedTransactionIds(id);
            RequireOneASecondFromCreated(server.Store, id, listed);
            expected.Add(id, new CustomerListing(listed.Count, ListingDigest.Of(listed)));
        }

        return new SeededAccount(server, ids, expected, FewestRequests.ForAccount(transactionCounts));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    // At Stripe no transaction predates its customer, and an export may rely on that (a customer's history split by
    // created starts at the customer's created); seeding that broke it would charge the export with rows Stripe
    // cannot have. One a second gives a big customer's history seconds enough to split.
    private static void RequireOneASecondFromCreated(FakeStripeStore store, string customer, IReadOnlyList<string> newestFirst)
    {
        var expectedCreated = store.CustomerCreated(customer);
        for (var i = newestFirst.Count - 1; i >= 0; i--, expectedCreated++)
        {
            var created = store.FindTransaction(customer, newestFirst[i])!.Created;
            if (created != expectedCreated)
            {
                throw new InvalidOperationException(
                    $"Customer {customer}'s transaction {newestFirst[i]} has created {created}, not {expectedCreated}: the seeding no longer puts transactions one a second from the customer's created.");
            }
        }
    }
}
