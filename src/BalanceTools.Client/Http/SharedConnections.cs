using System.Collections.Concurrent;
using System.Net;
using System.Net.Http;
using RestSharp;

namespace BalanceTools.Client;

/// <summary>
/// The process-wide transport: one RestClient, and so one HttpClient and one connection pool, for each connection
/// identity (base URI and proxy settings), shared by every client, cmdlet call and runspace, as Stripe's .NET SDK
/// shares one HttpClient per process. A script that calls a cmdlet 400 times in a loop then reuses one warm
/// connection instead of paying a TCP and TLS handshake per call and leaving hundreds of sockets behind.
/// Pooled connections are retired after <see cref="StripeDefaults.PooledConnectionLifetime"/> so that a changed DNS
/// record is noticed. Everything that differs per call (key, account, version, timeout, retries) travels on the
/// request, never on the shared client. The entries live as long as the process, deliberately.
/// </summary>
internal static class SharedConnections
{
    private static readonly ConcurrentDictionary<string, Lazy<RestClient>> Clients = new(StringComparer.Ordinal);

    public static RestClient For(Uri baseUri, ProxySettings proxy) =>
        Clients.GetOrAdd(baseUri.AbsoluteUri + "\n" + proxy.Identity, _ => new Lazy<RestClient>(() => Create(baseUri, proxy))).Value;

    private static RestClient Create(Uri baseUri, ProxySettings proxy) =>
        new(CreateHandler(baseUri, proxy), disposeHandler: true, options =>
        {
            options.BaseUrl = baseUri;

            // Following a redirect could carry the Authorization header to another host.
            options.FollowRedirects = false;
            options.ThrowOnAnyError = false;

            // Any HTTP response is a response; only the absence of one is a network failure.
            options.CalculateResponseStatus = _ => ResponseStatus.Completed;

            // Each client names its own application in the User-Agent of its requests.
            options.UserAgent = null;
        });

    // No cookies: one handler serves every key, account and runspace of the process, and a cookie set for one of them
    // must never ride along with another's requests.
    private static HttpMessageHandler CreateHandler(Uri baseUri, ProxySettings proxy)
    {
        var webProxy = proxy.CreateWebProxy();
#if NET8_0_OR_GREATER
        _ = baseUri;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = StripeDefaults.PooledConnectionLifetime,
            UseProxy = proxy.Mode != ProxyMode.None,
        };
#else
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseProxy = proxy.Mode != ProxyMode.None,
        };

        // .NET Framework pools connections per ServicePoint and keeps them forever unless given a lease.
        ServicePointManager.FindServicePoint(baseUri, webProxy).ConnectionLeaseTimeout = (int)StripeDefaults.PooledConnectionLifetime.TotalMilliseconds;
#endif
        if (webProxy is not null)
        {
            handler.Proxy = webProxy;
        }

        return handler;
    }
}
