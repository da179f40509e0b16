using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

/// <summary>A fake Stripe server on loopback plus a client pointed at it, with back-off shortened so retry tests run fast.</summary>
internal sealed class StripeFixture : IAsyncDisposable
{
    private StripeFixture(FakeStripeServer server, CustomerBalanceTransactionClient client, string customer, List<StripeRequestEvent> events)
    {
        Server = server;
        Client = client;
        Customer = customer;
        Events = events;
    }

    public FakeStripeServer Server { get; }

    public CustomerBalanceTransactionClient Client { get; }

    /// <summary>A customer with currency usd and no transactions.</summary>
    public string Customer { get; }

    public List<StripeRequestEvent> Events { get; }

    public IReadOnlyList<FakeStripe.RecordedRequest> Requests => Server.Requests.Snapshot();

    public static async Task<StripeFixture> StartAsync(Action<StripeClientOptions>? configure = null)
    {
        var server = await FakeStripeServer.StartAsync();
        var events = new List<StripeRequestEvent>();
        var options = ClientOptions(server);
        options.OnRequest = e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
        configure?.Invoke(options);
        var customer = server.Store.CreateCustomer("usd");
        return new StripeFixture(server, new CustomerBalanceTransactionClient(options), customer, events);
    }

    public static StripeClientOptions ClientOptions(FakeStripeServer server) => new()
    {
        ApiKey = new StripeApiKey(server.ApiKey),
        BaseUri = server.BaseUri,
        InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        MaxRetryAfter = TimeSpan.FromSeconds(2),
        Timeout = TimeSpan.FromSeconds(10),
        // Every test shares the server's key and so would share one process-wide limiter; the limiter's own tests
        // use keys of their own.
        MaxRequestsPerSecond = 0,
    };

    public CreateOptions Usd(long amount, string? description = null) => new() { Amount = amount, Currency = "usd", Description = description };

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
