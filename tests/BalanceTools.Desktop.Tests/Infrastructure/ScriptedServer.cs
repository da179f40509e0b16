using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BalanceTools.Desktop.Tests;

/// <summary>
/// A small HTTP/1.1 server on 127.0.0.1 that answers from a script and keeps every request byte for byte: for bodies
/// the fake server never sends (every field set, fields Stripe has not invented yet) and for the headers the client
/// puts on the wire, which the fake server's journal does not show.
/// </summary>
internal sealed class ScriptedServer : IDisposable
{
    private static readonly byte[] EndOfHead = Encoding.ASCII.GetBytes("\r\n\r\n");

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentQueue<ScriptedResponse> script;
    private readonly ScriptedResponse afterScript;
    private readonly List<ReceivedRequest> received = new();

    /// <param name="afterScript">The answer once <paramref name="script"/> is used up.</param>
    /// <param name="script">Answers for the first requests, in order.</param>
    public ScriptedServer(ScriptedResponse afterScript, params ScriptedResponse[] script)
    {
        this.afterScript = afterScript;
        this.script = new ConcurrentQueue<ScriptedResponse>(script);
        listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _ = Task.Run(AcceptAsync);
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (received)
            {
                return received.ToList();
            }
        }
    }

    public void Dispose() => listener.Stop();

    private async Task AcceptAsync()
    {
        while (true)
        {
            TcpClient connection;
            try
            {
                connection = await listener.AcceptTcpClientAsync();
            }
            catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    // One request per connection: every answer says Connection: close.
    private async Task ServeAsync(TcpClient connection)
    {
        using (connection)
        {
            var stream = connection.GetStream();
            var request = await ReadRequestAsync(stream);
            if (request is null)
            {
                return;
            }

            int number;
            lock (received)
            {
                received.Add(request);
                number = received.Count;
            }

            var answer = script.TryDequeue(out var next) ? next : afterScript;
            var bytes = answer.ToBytes("req_scripted" + number.ToString(CultureInfo.InvariantCulture));
            await stream.WriteAsync(bytes, 0, bytes.Length);
        }
    }

    private static async Task<ReceivedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int headLength;
        while ((headLength = IndexOf(buffer, EndOfHead)) < 0)
        {
            var read = await stream.ReadAsync(chunk, 0, chunk.Length);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.Take(read));
        }

        var lines = Encoding.ASCII.GetString(buffer.Take(headLength).ToArray()).Split(new[] { "\r\n" }, StringSplitOptions.None);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(line => line.Split(new[] { ':' }, 2))
            .GroupBy(parts => parts[0].Trim().ToLowerInvariant(), parts => parts[1].Trim())
            .ToDictionary(group => group.Key, group => string.Join(", ", group));
        var bodyLength = headers.TryGetValue("content-length", out var length) ? int.Parse(length, CultureInfo.InvariantCulture) : 0;
        var bodyStart = headLength + EndOfHead.Length;
        while (buffer.Count < bodyStart + bodyLength)
        {
            var read = await stream.ReadAsync(chunk, 0, chunk.Length);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.Take(read));
        }

        var body = Encoding.UTF8.GetString(buffer.Skip(bodyStart).Take(bodyLength).ToArray());
        return new ReceivedRequest(requestLine[0], requestLine[1], headers, body);
    }

    private static int IndexOf(List<byte> buffer, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= buffer.Count; i++)
        {
            var j = 0;
            while (j < pattern.Length && buffer[i + j] == pattern[j])
            {
                j++;
            }

            if (j == pattern.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
