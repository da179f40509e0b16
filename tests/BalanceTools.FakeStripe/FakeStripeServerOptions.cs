namespace BalanceTools.FakeStripe;

/// <summary>Settings for <see cref="FakeStripeServer.StartAsync"/>.</summary>
public sealed class FakeStripeServerOptions
{
    /// <summary>Loopback port to listen on; 0 lets the operating system pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>The main secret key the server accepts.</summary>
    public string ApiKey { get; set; } = "sk_test_fake_0123456789abcdefghijklmnop";

    /// <summary>Further keys the server accepts, e.g. one per runspace in a test of per-session keys; idempotency is scoped per key, as at Stripe.</summary>
    public IReadOnlyCollection<string> AdditionalApiKeys { get; set; } = Array.Empty<string>();

    /// <summary>Delay added to every request before it is handled.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Random extra delay: each request waits <see cref="Latency"/> plus a uniformly random time in <c>[0, jitter)</c>,
    /// so concurrent requests complete out of order. Zero, the default, keeps every request's delay the same.
    /// </summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// A certificate to serve https with instead of plain http, as Stripe does; the test that makes it decides who
    /// trusts it. Null, the default, serves plain http.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate { get; set; }

    /// <summary>Stripe-like rate limiting per API key and account; null, the default, never refuses a request.</summary>
    public FakeRateLimits? RateLimits { get; set; }
}
