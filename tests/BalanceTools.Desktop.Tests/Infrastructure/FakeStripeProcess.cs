using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace BalanceTools.Desktop.Tests;

/// <summary>
/// The fake Stripe server, a .NET 8 program, started as a process of its own on 127.0.0.1 (a .NET Framework runtime
/// cannot host it) and driven through its <c>/_fake/</c> control endpoints: seeding, faults, latency, the journal.
/// </summary>
public sealed class FakeStripeProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly BlockingCollection<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly HttpClient http;

    public FakeStripeProcess()
    {
        process = new Process
        {
            StartInfo = new ProcessStartInfo(DotnetHost(), $"\"{BuildPaths.FakeStripeAssembly}\" --port 0 --seed 0")
            {
                UseShellExecute = false,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                CreateNoWindow = true,
            },
        };
        process.OutputDataReceived += (_, line) => Announce(line.Data);
        process.ErrorDataReceived += (_, line) => errors.Enqueue(line.Data ?? string.Empty);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            BaseUri = new Uri(AnnouncedValue("Base URI:"));
            ApiKey = AnnouncedValue("API key:");
        }
        catch
        {
            Dispose();
            throw;
        }

        http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    /// <summary>The key the server accepts.</summary>
    public string ApiKey { get; }

    /// <summary>A new usd customer with <paramref name="transactions"/> seeded, one a second, oldest first.</summary>
    public async Task<string> CreateCustomerAsync(int transactions = 0)
    {
        using var document = await SendAsync(HttpMethod.Post, $"_fake/customers?currency=usd&seed={transactions}");
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Queues <paramref name="count"/> faults (a <c>/_fake/faults</c> query such as <c>kind=status&amp;status=500</c>)
    /// for requests about <paramref name="customer"/> only.
    /// </summary>
    public async Task InjectAsync(string customer, string fault, int count = 1, string? method = null, string? queryContains = null)
    {
        var query = $"{fault}&count={count}&path_contains=/customers/{customer}/";
        if (method is not null)
        {
            query += "&method=" + method;
        }

        if (queryContains is not null)
        {
            query += "&query_contains=" + Uri.EscapeDataString(queryContains);
        }

        (await SendAsync(HttpMethod.Post, "_fake/faults?" + query)).Dispose();
    }

    /// <summary>Delays every answer by <paramref name="latency"/> until set back to zero.</summary>
    public async Task SetLatencyAsync(TimeSpan latency) =>
        (await SendAsync(HttpMethod.Post, $"_fake/latency?ms={(int)latency.TotalMilliseconds}")).Dispose();

    /// <summary>The requests about <paramref name="customer"/> since the journal was last cleared, in arrival order.</summary>
    public async Task<IReadOnlyList<JournalEntry>> RequestsAsync(string customer)
    {
        using var document = await SendAsync(HttpMethod.Get, "_fake/requests");
        return document.RootElement.GetProperty("requests").EnumerateArray()
            .Select(r => new JournalEntry(
                r.GetProperty("method").GetString()!,
                r.GetProperty("path").GetString()!,
                r.GetProperty("query").GetString()!,
                r.GetProperty("body").GetString()!,
                r.GetProperty("status").GetInt32(),
                r.GetProperty("completed_at").ValueKind != JsonValueKind.Null))
            .Where(r => r.Path.Contains("/customers/" + customer + "/"))
            .ToList();
    }

    /// <summary>The TCP connections the server has accepted since it started.</summary>
    public async Task<int> ConnectionsAcceptedAsync()
    {
        using var document = await SendAsync(HttpMethod.Get, "_fake/connections");
        return document.RootElement.GetProperty("accepted").GetInt32();
    }

    /// <summary>Clears the journal and any faults not yet taken.</summary>
    public async Task ForgetRequestsAsync() => (await SendAsync(HttpMethod.Delete, "_fake/requests")).Dispose();

    /// <summary>
    /// The customer's transaction ids newest first, read with plain HTTP rather than the client under test. These reads
    /// are journaled: call <see cref="ForgetRequestsAsync"/> before counting requests.
    /// </summary>
    public async Task<IReadOnlyList<string>> TransactionIdsAsync(string customer)
    {
        var ids = new List<string>();
        for (var hasMore = true; hasMore;)
        {
            var path = $"v1/customers/{customer}/balance_transactions?limit=100" + (ids.Count > 0 ? "&starting_after=" + ids[ids.Count - 1] : string.Empty);
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
            using var page = await ReadAsync(request);
            ids.AddRange(page.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            hasMore = page.RootElement.GetProperty("has_more").GetBoolean();
        }

        return ids;
    }

    public void Dispose()
    {
        http?.Dispose();
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }

        process.Dispose();
    }

    // dotnet test names the host that runs it; elsewhere the one on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    // The end of the output (null) means the server has gone: stop waiting for announcements.
    private void Announce(string? line)
    {
        lock (output)
        {
            if (output.IsAddingCompleted)
            {
                return;
            }

            if (line is null)
            {
                output.CompleteAdding();
            }
            else
            {
                output.Add(line);
            }
        }
    }

    private string AnnouncedValue(string prefix)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (output.TryTake(out var line, Remaining(deadline)))
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return line.Substring(prefix.Length).Trim();
            }
        }

        throw new InvalidOperationException(
            $"The fake Stripe server ({BuildPaths.FakeStripeAssembly}) did not announce '{prefix}' within {StartTimeout.TotalSeconds} s: "
            + string.Join(Environment.NewLine, errors));
    }

    private static TimeSpan Remaining(DateTime deadline)
    {
        var left = deadline - DateTime.UtcNow;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private Task<JsonDocument> SendAsync(HttpMethod method, string pathAndQuery) =>
        ReadAsync(new HttpRequestMessage(method, pathAndQuery));

    // Takes ownership of the request.
    private async Task<JsonDocument> ReadAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
            }

            return JsonDocument.Parse(text);
        }
    }
}
