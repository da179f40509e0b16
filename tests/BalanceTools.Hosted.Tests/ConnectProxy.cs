using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// A real forward proxy on 127.0.0.1 for https: it answers HTTP CONNECT, demands Basic credentials (407 with
/// Proxy-Authenticate until they are right, on the same connection as real proxies do), resolves host names only
/// from its own table, and then relays bytes both ways, so TLS runs end to end between client and server. It counts
/// what it saw, for tests to check that requests really went through it.
/// </summary>
internal sealed class ConnectProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly string expectedAuthorization;
    private readonly IReadOnlyDictionary<string, IPEndPoint> hosts;
    private readonly ConcurrentQueue<string> tunnels = new();
    private readonly Task accepting;
    private int refusals;

    public ConnectProxy(string user, string password, IReadOnlyDictionary<string, IPEndPoint> hosts)
    {
        expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        this.hosts = hosts;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>The proxy's address, as -Proxy takes it.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");

    /// <summary>The <c>host:port</c> of every tunnel opened, in order.</summary>
    public IReadOnlyList<string> Tunnels => tunnels.ToList();

    /// <summary>How many CONNECT requests were answered 407.</summary>
    public int Refusals => Volatile.Read(ref refusals);

    public async ValueTask DisposeAsync()
    {
        stopping.Cancel();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadHeadAsync(stream) is { } head)
                {
                    var lines = head.Split("\r\n");
                    var requestLine = lines[0].Split(' ');
                    if (requestLine.Length != 3 || requestLine[0] != "CONNECT")
                    {
                        await WriteAsync(stream, "HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    var authorization = lines.Skip(1).FirstOrDefault(line => line.StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase));
                    if (authorization?.Substring("Proxy-Authorization:".Length).Trim() != expectedAuthorization)
                    {
                        Interlocked.Increment(ref refusals);
                        await WriteAsync(stream, "HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test proxy\"\r\nContent-Length: 0\r\n\r\n");
                        continue;
                    }

                    var target = requestLine[1];
                    if (!hosts.TryGetValue(target, out var endpoint))
                    {
                        await WriteAsync(stream, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        return;
                    }

                    await TunnelAsync(stream, target, endpoint);
                    return;
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
            {
                // Either side went away; a proxy just drops the tunnel.
            }
        }
    }

    private async Task TunnelAsync(NetworkStream client, string target, IPEndPoint endpoint)
    {
        using var upstream = new TcpClient();
        await upstream.ConnectAsync(endpoint, stopping.Token);
        tunnels.Enqueue(target);
        await WriteAsync(client, "HTTP/1.1 200 Connection established\r\n\r\n");
        var server = upstream.GetStream();
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var up = RelayAsync(client, server, ended.Token);
        var down = RelayAsync(server, client, ended.Token);
        await Task.WhenAny(up, down);
        ended.Cancel();
        await Task.WhenAll(up, down).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private static async Task RelayAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    // Reads one request head byte by byte: nothing after it may be consumed, since a tunnel's bytes follow.
    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 16 * 1024)
        {
            if (await stream.ReadAsync(one, stopping.Token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                return Encoding.ASCII.GetString(head.ToArray(), 0, head.Count - 4);
            }
        }

        return null;
    }

    private Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), stopping.Token).AsTask();
}
