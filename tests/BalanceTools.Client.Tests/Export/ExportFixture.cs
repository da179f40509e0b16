using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

/// <summary>A fake server seeded with many customers, and what each one's listing must yield, newest first.</summary>
internal sealed class ExportFixture : IAsyncDisposable
{
    private ExportFixture(StripeFixture stripe, IReadOnlyList<string> customers, IReadOnlyDictionary<string, IReadOnlyList<string>> expected)
    {
        Stripe = stripe;
        Customers = customers;
        Expected = expected;
    }

    public StripeFixture Stripe { get; }

    public FakeStripeServer Server => Stripe.Server;

    public CustomerBalanceTransactionClient Client => Stripe.Client;

    /// <summary>The seeded customers in creation order (the account listing gives them newest first).</summary>
    public IReadOnlyList<string> Customers { get; }

    /// <summary>Every customer of the account as its listing gives them: the seeded ones newest first, then the fixture's own.</summary>
    public IReadOnlyList<string> AccountNewestFirst => Customers.Reverse().Append(Stripe.Customer).ToList();

    /// <summary>Each customer's transaction ids, newest first, as one listing of it yields them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Expected { get; }

    public static async Task<ExportFixture> StartAsync(IReadOnlyList<int> transactionCounts, Action<StripeClientOptions>? configure = null, int perSecond = 1)
    {
        var stripe = await StripeFixture.StartAsync(configure);
        var customers = stripe.Server.Store.SeedCustomers(transactionCounts, perSecond: perSecond);
        var expected = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var customer in customers.Append(stripe.Customer))
        {
            expected[customer] = (await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(customer))).Select(t => t.Id).ToList();
        }

        stripe.Server.Requests.Clear();
        return new ExportFixture(stripe, customers, expected);
    }

    /// <summary>Counts from 0 to <paramref name="maximum"/>, spread by a fixed seed so that a failure repeats.</summary>
    public static int[] Counts(int customers, int maximum, int seed = 7)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, customers).Select(_ => random.Next(maximum + 1)).ToArray();
    }

    /// <summary>Everything the customers should give, in the given order: each one's ids, then its end.</summary>
    public List<string> ExpectedEvents(IEnumerable<string> customers) =>
        customers.SelectMany(customer => Expected[customer].Append("end " + customer)).ToList();

    public static string Describe(FanOutEvent<CustomerBalanceTransaction> e) =>
        e.IsEnd ? (e.Failure is null ? "end " : "failed ") + e.Customer : e.Item.Id;

    public ValueTask DisposeAsync() => Stripe.DisposeAsync();
}
