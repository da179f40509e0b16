using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BalanceTools.FakeStripe;

/// <summary>
/// A stateful, Stripe-compatible server for the customers list, a customer's retrieval and the customer balance
/// transaction endpoints, listening on 127.0.0.1, with Stripe-like rate limits on request. Every instance is
/// independent, so tests can run servers in parallel.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownGracePeriod = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly LatencySetting _latency;
    private readonly RateLimiter _rateLimiter;
    private int _disposed;

    private FakeStripeServer(
        WebApplication app,
        Uri baseUri,
        string apiKey,
        LatencySetting latency,
        RateLimiter rateLimiter,
        FakeStripeStore store,
        FaultInjector faults,
        RequestJournal requests,
        ConnectionCounter connections)
    {
        _app = app;
        Connections = connections;
        BaseUri = baseUri;
        ApiKey = apiKey;
        _latency = latency;
        _rateLimiter = rateLimiter;
        Store = store;
        Faults = faults;
        Requests = requests;
    }

    /// <summary>The server's root, with a trailing slash, e.g. <c>http://127.0.0.1:54321/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The main secret key the server accepts (see <see cref="FakeStripeServerOptions.AdditionalApiKeys"/>).</summary>
    public string ApiKey { get; }

    /// <summary>Delay added to every request; may be changed while the server runs.</summary>
    public TimeSpan Latency
    {
        get => _latency.Value;
        set => _latency.Value = value;
    }

    /// <summary>
    /// Random extra delay per request, uniform in <c>[0, jitter)</c>, on top of <see cref="Latency"/>; may be changed
    /// while the server runs.
    /// </summary>
    public TimeSpan LatencyJitter
    {
        get => _latency.Jitter;
        set => _latency.Jitter = value;
    }

    /// <summary>
    /// The rate limits in force, or null for none; may be swapped while requests run (thread-safe). A newly assigned
    /// instance starts with full buckets; requests in flight keep counting against the concurrency limit.
    /// </summary>
    public FakeRateLimits? RateLimits
    {
        get => _rateLimiter.Limits;
        set => _rateLimiter.Limits = value;
    }

    public FakeStripeStore Store { get; }

    public FaultInjector Faults { get; }

    public RequestJournal Requests { get; }

    /// <summary>The TCP connections clients opened.</summary>
    public ConnectionCounter Connections { get; }

    public static async Task<FakeStripeServer> StartAsync(
        FakeStripeServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeStripeServerOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort, nameof(options));
        ArgumentException.ThrowIfNullOrEmpty(options.ApiKey, nameof(options));

        var latency = new LatencySetting(options.Latency, options.LatencyJitter);
        var rateLimiter = new RateLimiter(options.RateLimits);
        var store = new FakeStripeStore();
        var faults = new FaultInjector();
        var requests = new RequestJournal();
        var connections = new ConnectionCounter();
        var pipeline = new RequestPipeline(
            requests,
            faults,
            latency,
            new ApiKeyAuthenticator(options.AdditionalApiKeys.Append(options.ApiKey).ToHashSet(StringComparer.Ordinal)),
            rateLimiter,
            new IdempotencyCache(),
            new ApiRouter(new CustomerEndpoints(store), new BalanceTransactionEndpoints(store)));

        // The empty builder registers no logging providers and reads no configuration: quiet and deterministic.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(connections.Count);
                if (options.Certificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        var control = new ControlEndpoints(store, faults, requests, latency, rateLimiter, connections);
        app.Run(context => ControlEndpoints.Handles(context) ? control.HandleAsync(context) : pipeline.HandleAsync(context));
        try
        {
            await app.StartAsync(cancellationToken);
            var scheme = options.Certificate is null ? Uri.UriSchemeHttp : Uri.UriSchemeHttps;
            return new FakeStripeServer(app, ListeningUri(app, scheme), options.ApiKey, latency, rateLimiter, store, faults, requests, connections);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using (var grace = new CancellationTokenSource(ShutdownGracePeriod))
        {
            await _app.StopAsync(grace.Token);
        }

        await _app.DisposeAsync();
    }

    // With port 0 only the addresses feature knows which port the operating system chose.
    private static Uri ListeningUri(WebApplication app, string scheme)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var bound = new Uri(addresses.Single());
        return new UriBuilder(scheme, IPAddress.Loopback.ToString(), bound.Port, "/").Uri;
    }
}
