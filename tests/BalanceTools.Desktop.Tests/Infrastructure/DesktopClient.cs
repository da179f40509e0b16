using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

/// <summary>
/// The staged client pointed at a loopback server, with back-off shortened so retries run fast and no client-side
/// rate limit (one local server, one key shared by every test), recording one event per HTTP attempt.
/// </summary>
internal sealed class DesktopClient : IDisposable
{
    private readonly List<StripeRequestEvent> events = new();

    public DesktopClient(FakeStripeProcess server, Action<StripeClientOptions>? configure = null)
        : this(server.BaseUri, server.ApiKey, configure)
    {
    }

    public DesktopClient(Uri baseUri, string apiKey, Action<StripeClientOptions>? configure = null)
    {
        var options = new StripeClientOptions
        {
            ApiKey = new StripeApiKey(apiKey),
            BaseUri = baseUri,
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRetryAfter = TimeSpan.FromSeconds(2),
            Timeout = TimeSpan.FromSeconds(10),
            MaxRequestsPerSecond = 0,
            OnRequest = e =>
            {
                lock (events)
                {
                    events.Add(e);
                }
            },
        };
        configure?.Invoke(options);
        Client = new CustomerBalanceTransactionClient(options);
    }

    public CustomerBalanceTransactionClient Client { get; }

    /// <summary>One event per HTTP attempt so far.</summary>
    public IReadOnlyList<StripeRequestEvent> Events
    {
        get
        {
            lock (events)
            {
                return events.ToList();
            }
        }
    }

    public static CreateOptions Usd(long amount, string? description = null) =>
        new() { Amount = amount, Currency = "usd", Description = description };

    public void Dispose() => Client.Dispose();
}
