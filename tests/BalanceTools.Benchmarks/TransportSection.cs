using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// The transport as a script meets it: 400 single Get-CustomerBalanceTransaction -Id calls in a foreach loop against
/// the same 400 piped into one call, in a real pwsh over https on loopback, with the connections the server saw;
/// and what a connection per call would cost, measured as fresh TCP and TLS handshakes against pooled requests to
/// the same https server. Run alone: <c>dotnet run -c Release --project tests/BalanceTools.Benchmarks -- transport</c>.
/// </summary>
public static class TransportSection
{
    public const string Verb = "transport";

    private const int Calls = 400;
    private const int Rounds = 7;

    // None, where PowerShell's own per-command cost is all a loop adds; and 2 ms, the shortest real network round trip
    // (Stripe answers in 100 to 300 ms).
    private static readonly int[] LatenciesMs = { 0, 2 };
    private const int HandshakeSamples = 200;
    private const double MaxLoopToPipedRatio = 1.2;
    private const int MaxConnections = 8;

    private const string Script = """
        Import-Module $env:BT_MODULE -ErrorAction Stop
        $key = ConvertTo-SecureString $env:BT_KEY -AsPlainText -Force
        Connect-Stripe -ApiKey $key -ApiBaseUri $env:BT_BASE -MaxRequestsPerSecond 0 -MaxNetworkRetries 0
        $rows = @(Get-CustomerBalanceTransaction $env:BT_CUSTOMER -All | ForEach-Object { [pscustomobject]@{ Customer = $_.Customer; Id = $_.Id } })
        function Connections { Invoke-RestMethod ($env:BT_BASE + '/_fake/connections') }
        foreach ($row in $rows[0..199]) { $null = Get-CustomerBalanceTransaction -Customer $row.Customer -Id $row.Id }
        $null = $rows | Get-CustomerBalanceTransaction
        $rounds = foreach ($latency in $env:BT_LATENCIES -split ',') {
            $null = Invoke-RestMethod -Method Post ($env:BT_BASE + '/_fake/latency?ms=' + $latency)
            foreach ($round in 1..[int]$env:BT_ROUNDS) {
                $before = Connections
                $loop = [Diagnostics.Stopwatch]::StartNew()
                foreach ($row in $rows) { $null = Get-CustomerBalanceTransaction -Customer $row.Customer -Id $row.Id }
                $loop.Stop()
                $afterLoop = Connections
                $piped = [Diagnostics.Stopwatch]::StartNew()
                $null = $rows | Get-CustomerBalanceTransaction
                $piped.Stop()
                # What PowerShell itself spends to invoke a binary cmdlet once per iteration, with no request at all.
                $baseline = [Diagnostics.Stopwatch]::StartNew()
                foreach ($row in $rows) { $null = Get-Date -UnixTimeSeconds 0 }
                $baseline.Stop()
                [ordered]@{
                    LatencyMs = [int]$latency
                    LoopMs = $loop.Elapsed.TotalMilliseconds
                    PipedMs = $piped.Elapsed.TotalMilliseconds
                    BaselineMs = $baseline.Elapsed.TotalMilliseconds
                    # Invoke-RestMethod reads the counts over connections of its own: the one that read $afterLoop is not the loop's.
                    LoopOpened = $afterLoop.accepted - $before.accepted - 1
                    OpenAfterLoop = $afterLoop.open
                }
            }
        }
        'RESULT ' + (@{ Calls = $rows.Count; Rounds = @($rounds) } | ConvertTo-Json -Depth 3 -Compress)
        """;

    private static readonly IReadOnlyDictionary<string, string> Built =
        typeof(TransportSection).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value!);

    public static async Task<bool> RunAsync(TextWriter output)
    {
        output.WriteLine("== Transport: one connection pool per process ==");
        foreach (var line in MachineInfo.Describe())
        {
            output.WriteLine(line);
        }

        using var certificates = TestCertificates.For("localhost");
        await using var https = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Certificate = certificates.Server });
        await using var http = await FakeStripeServer.StartAsync();

        var loopMet = await LoopAgainstPipedAsync(https, certificates, output);
        await HandshakeCostAsync(https, certificates.Authority, "https", output);
        await HandshakeCostAsync(http, null, "http", output);
        output.WriteLine(loopMet ? "Transport targets met." : "Transport targets missed (MISS above).");
        return loopMet;
    }

    private static async Task<bool> LoopAgainstPipedAsync(FakeStripeServer server, TestCertificates certificates, TextWriter output)
    {
        var customer = server.Store.CreateCustomer("usd");
        server.Store.Seed(customer, Calls, "usd");
        var folder = Directory.CreateTempSubdirectory("balancetools-transport-").FullName;
        try
        {
            var authority = Path.Combine(folder, "authority.pem");
            certificates.WriteAuthority(authority);
            var script = Path.Combine(folder, "loop.ps1");
            await File.WriteAllTextAsync(script, Script);
            var result = await RunPwshAsync(script, new Dictionary<string, string>
            {
                ["SSL_CERT_FILE"] = authority,
                ["SSL_CERT_DIR"] = folder,
                ["BT_MODULE"] = Built["ModuleManifest"],
                ["BT_KEY"] = server.ApiKey,
                ["BT_BASE"] = server.BaseUri.ToString().TrimEnd('/'),
                ["BT_CUSTOMER"] = customer,
                ["BT_ROUNDS"] = Rounds.ToString(CultureInfo.InvariantCulture),
                ["BT_LATENCIES"] = string.Join(",", LatenciesMs),
            });
            using var document = JsonDocument.Parse(result);
            var rounds = document.RootElement.GetProperty("Rounds").EnumerateArray().Select(round => new Round(
                round.GetProperty("LatencyMs").GetInt32(),
                round.GetProperty("LoopMs").GetDouble() / Calls,
                round.GetProperty("PipedMs").GetDouble() / Calls,
                round.GetProperty("BaselineMs").GetDouble() / Calls,
                round.GetProperty("LoopOpened").GetInt32(),
                round.GetProperty("OpenAfterLoop").GetInt32())).ToList();

            output.WriteLine($"{Calls} single calls of Get-CustomerBalanceTransaction -Id in a foreach loop against the same {Calls} piped into one call, pwsh 7.6.9 over https on loopback, {Rounds} rounds at each server latency:");
            var met = true;
            foreach (var latency in rounds.GroupBy(round => round.LatencyMs))
            {
                met &= Summarize(latency.Key, latency.ToList(), output);
            }

            output.WriteLine($"  total connections the server accepted: {server.Connections.Accepted}, open now: {server.Connections.Open}");
            return met;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Summarize(int latencyMs, IReadOnlyList<Round> rounds, TextWriter output)
    {
        output.WriteLine($"  server latency {latencyMs} ms:");
        foreach (var (round, index) in rounds.Select((round, index) => (round, index + 1)))
        {
            output.WriteLine(FormattableString.Invariant(
                $"    round {index}: looped {round.Loop:0.000} ms/call, piped {round.Piped:0.000} ms/call, ratio {round.Loop / round.Piped:0.00}, Get-Date looped {round.Baseline:0.000} ms/call; connections opened during the loop {round.Opened}, open after it {round.Open} (counting the one that read this)"));
        }

        // The machine is shared: the median of each round's ratio (loop and piped measured back to back) is the figure.
        var ratio = Median(rounds.Select(round => round.Loop / round.Piped));
        var connections = rounds.Max(round => Math.Max(round.Opened, round.Open));
        var met = ratio <= MaxLoopToPipedRatio && connections <= MaxConnections;
        output.WriteLine(FormattableString.Invariant(
            $"    median: looped {Median(rounds.Select(round => round.Loop)):0.000} ms/call, piped {Median(rounds.Select(round => round.Piped)):0.000} ms/call, ratio {ratio:0.00} (target <= {MaxLoopToPipedRatio:0.0}); PowerShell's own cost of invoking a command {Median(rounds.Select(round => round.Baseline)):0.000} ms/call; at most {connections} connection(s) (target <= {MaxConnections}): {(met ? "MET" : "MISS")}"));
        return met;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>Requests that each open a new connection (TCP, and TLS for https) against requests on one pooled connection.</summary>
    private static async Task HandshakeCostAsync(FakeStripeServer server, X509Certificate2? authority, string scheme, TextWriter output)
    {
        var health = new Uri(server.BaseUri, "_fake/health");
        using var pooled = new HttpClient(Handler(authority));
        await pooled.GetStringAsync(health);
        var shared = Stopwatch.StartNew();
        for (var i = 0; i < HandshakeSamples; i++)
        {
            await pooled.GetStringAsync(health);
        }

        shared.Stop();
        var accepted = server.Connections.Accepted;
        var fresh = Stopwatch.StartNew();
        for (var i = 0; i < HandshakeSamples; i++)
        {
            using var once = new HttpClient(Handler(authority));
            await once.GetStringAsync(health);
        }

        fresh.Stop();
        var pooledMs = shared.Elapsed.TotalMilliseconds / HandshakeSamples;
        var freshMs = fresh.Elapsed.TotalMilliseconds / HandshakeSamples;
        output.WriteLine(FormattableString.Invariant(
            $"{scheme} on loopback, {HandshakeSamples} requests each: pooled {pooledMs:0.000} ms, a new connection per request {freshMs:0.000} ms ({server.Connections.Accepted - accepted} connections): the handshake costs {freshMs - pooledMs:0.000} ms a call"));
    }

    private sealed record Round(int LatencyMs, double Loop, double Piped, double Baseline, int Opened, int Open);

    private static SocketsHttpHandler Handler(X509Certificate2? authority) => new()
    {
        SslOptions = authority is null ? new SslClientAuthenticationOptions() : new SslClientAuthenticationOptions
        {
            // Trust the test authority alone, for this benchmark's own requests; the chain is still built and checked.
            RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && IssuedBy(new X509Certificate2(certificate), authority),
        },
    };

    private static bool IssuedBy(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private static async Task<string> RunPwshAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Built["PwshAssembly"], "-NoProfile", "-NonInteractive", "-File", script })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await standardOutput).Split('\n').FirstOrDefault(l => l.StartsWith(ChildProcess.ResultPrefix, StringComparison.Ordinal));
        return process.ExitCode == 0 && line is not null
            ? line.Substring(ChildProcess.ResultPrefix.Length).TrimEnd('\r')
            : throw new InvalidOperationException($"pwsh failed ({process.ExitCode}): {await standardError}{await standardOutput}");
    }
}
