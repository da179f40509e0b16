using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// A fake server of its own holding exactly the benchmark's customers: a whole-account export lists every customer
/// the server has, so the single-customer benchmark's large customers must not be in it.
/// </summary>
public sealed class SeededAccount : IAsyncDisposable
{
    private SeededAccount(FakeStripeServer server, IReadOnlyDictionary<string, int> expected, int minimumRequests)
    {
        Server = server;
        Expected = expected;
        MinimumRequests = minimumRequests;
    }

    public FakeStripeServer Server { get; }

    /// <summary>Each customer and how many transactions it has.</summary>
    public IReadOnlyDictionary<string, int> Expected { get; }

    /// <summary>The fewest requests an export can list them with (<see cref="AccountPopulation.MinimumRequests"/>).</summary>
    public int MinimumRequests { get; }

    public int Transactions => Expected.Values.Sum();

    public static async Task<SeededAccount> StartAsync(RateSetting setting, IReadOnlyList<int> transactionCounts)
    {
        var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = setting.Latency, RateLimits = setting.ServerLimits() });
        var ids = server.Store.SeedCustomers(transactionCounts);
        var expected = ids.Zip(transactionCounts).ToDictionary(pair => pair.First, pair => pair.Second, StringComparer.Ordinal);
        return new SeededAccount(server, expected, AccountPopulation.MinimumRequests(transactionCounts));
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
