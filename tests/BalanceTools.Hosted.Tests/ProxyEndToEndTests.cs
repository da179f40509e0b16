using System.Net;
using System.Text.Json;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// The module behind an authenticating proxy, end to end: a pwsh of its own imports the staged module and talks to
/// the fake server over TLS under a host name that only the proxy resolves, through a real CONNECT proxy on loopback
/// that demands a password. The server's certificate is made now and trusted by that process alone (SSL_CERT_FILE).
/// .NET never sends a loopback address through a proxy, so only a name that does not resolve proves the proxy was used.
/// </summary>
public sealed class ProxyEndToEndTests
{
    private const string HostName = "stripe.proxy-only.test";
    private const string ProxyUser = "runbook";

    private const string Script = """
        $ErrorActionPreference = 'Continue'
        Import-Module $env:BT_MODULE -ErrorAction Stop
        $key = ConvertTo-SecureString $env:BT_KEY -AsPlainText -Force
        $proxyCredential = [pscredential]::new($env:BT_PROXY_USER, (ConvertTo-SecureString $env:BT_PROXY_PASSWORD -AsPlainText -Force))
        $wrongCredential = [pscredential]::new($env:BT_PROXY_USER, (ConvertTo-SecureString $env:BT_WRONG_PASSWORD -AsPlainText -Force))
        $report = [ordered]@{}

        Connect-Stripe -ApiKey $key -ApiBaseUri $env:BT_BASE -Proxy $env:BT_PROXY -ProxyCredential $proxyCredential -MaxNetworkRetries 0 -MaxRequestsPerSecond 0
        $rows = @(Get-CustomerBalanceTransaction $env:BT_CUSTOMER -All -Verbose 4>$null)
        $report.Rows = $rows.Count
        $report.Sum = [long]($rows | Measure-Object Amount -Sum).Sum
        $report.Created = (New-CustomerBalanceTransaction $env:BT_CUSTOMER -250 usd -Description 'via proxy').Amount

        function Attempt([scriptblock] $call) {
            $streams = & $call *>&1 | Out-String
            $record = $Error[0]
            [ordered]@{
                Category = "$($record.CategoryInfo.Category)"
                Message = "$record"
                Action = "$($record.ErrorDetails.RecommendedAction)"
                Streams = $streams
            }
        }

        $report.Wrong = Attempt { Get-CustomerBalanceTransaction $env:BT_CUSTOMER -Proxy $env:BT_PROXY -ProxyCredential $wrongCredential -Verbose }
        $report.Anonymous = Attempt { Get-CustomerBalanceTransaction $env:BT_CUSTOMER -Proxy $env:BT_PROXY -Verbose }
        $report.Direct = Attempt { Get-CustomerBalanceTransaction $env:BT_CUSTOMER -NoProxy -Verbose }
        $report.ErrorVariable = $Error | ForEach-Object { "$_ | $($_.Exception) | $($_.ErrorDetails.RecommendedAction)" } | Out-String
        $report | ConvertTo-Json -Depth 4 -Compress
        """;

    [Fact]
    public async Task Cmdlets_reach_stripe_through_an_authenticating_proxy_and_a_refusal_names_the_proxy_without_any_password()
    {
        using var certificates = TestCertificates.For(HostName);
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { ApiKey = KeyCanary.ServerKey, Certificate = certificates.Server });
        var customer = server.Store.CreateCustomer("usd");
        server.Store.Seed(customer, 250, "usd");
        var seededBalance = server.Store.Balance(customer);
        var proxyPassword = "Pr0xy-" + Guid.NewGuid().ToString("N");
        var wrongPassword = "Wr0ng-" + Guid.NewGuid().ToString("N");
        var serverEndpoint = new IPEndPoint(IPAddress.Loopback, server.BaseUri.Port);
        await using var proxy = new ConnectProxy(ProxyUser, proxyPassword, new Dictionary<string, IPEndPoint> { [$"{HostName}:{serverEndpoint.Port}"] = serverEndpoint });
        using var folder = new ScratchFolder();
        var authorityFile = folder.File("authority.pem");
        certificates.WriteAuthority(authorityFile);
        await File.WriteAllTextAsync(folder.File("through-proxy.ps1"), Script);
        var environment = new Dictionary<string, string?>
        {
            ["SSL_CERT_FILE"] = authorityFile,
            ["SSL_CERT_DIR"] = folder.Path,
            ["BT_MODULE"] = StagedModule.Manifest,
            ["BT_KEY"] = KeyCanary.ServerKey,
            ["BT_BASE"] = $"https://{HostName}:{serverEndpoint.Port}",
            ["BT_PROXY"] = proxy.Address.ToString(),
            ["BT_PROXY_USER"] = ProxyUser,
            ["BT_PROXY_PASSWORD"] = proxyPassword,
            ["BT_WRONG_PASSWORD"] = wrongPassword,
            ["BT_CUSTOMER"] = customer,
        };

        // The child sees no proxy of the machine's: only what the script names.
        foreach (var inherited in new[] { "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "https_proxy", "http_proxy", "all_proxy", "no_proxy" })
        {
            environment[inherited] = null;
        }

        var (exitCode, output, errors) = await RepositoryPwsh.RunAsync(folder.Path, environment, "-NoProfile", "-NonInteractive", "-File", folder.File("through-proxy.ps1"));

        Assert.True(exitCode == 0, $"pwsh exited with {exitCode}: {errors}\n{output}");
        using var report = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = report.RootElement;
        Assert.Equal(250, root.GetProperty("Rows").GetInt32());
        Assert.Equal(seededBalance, root.GetProperty("Sum").GetInt64());
        Assert.Equal(seededBalance - 250, server.Store.Balance(customer));
        Assert.Equal(-250, root.GetProperty("Created").GetInt64());

        // Every request went through one tunnel to the name only the proxy knows, with the key, over TLS.
        Assert.Equal(new[] { $"{HostName}:{serverEndpoint.Port}" }, proxy.Tunnels);
        var requests = server.Requests.Snapshot();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, request => Assert.Equal("Bearer " + KeyCanary.ServerKey, request.Headers["authorization"]));
        Assert.Equal(1, server.Connections.Accepted);

        // A wrong password or none: the proxy's 407, named, with what to give, and no retry.
        foreach (var refused in new[] { "Wrong", "Anonymous" })
        {
            var attempt = root.GetProperty(refused);
            Assert.Equal("AuthenticationError", attempt.GetProperty("Category").GetString());
            Assert.Contains("The proxy refused to pass the request on to Stripe", attempt.GetProperty("Message").GetString());
            Assert.Contains($"the proxy {proxy.Address.GetLeftPart(UriPartial.Authority)}", attempt.GetProperty("Message").GetString());
            Assert.Contains("407 Proxy Authentication Required", attempt.GetProperty("Message").GetString());
            Assert.Contains("-ProxyCredential", attempt.GetProperty("Action").GetString());
        }

        Assert.InRange(proxy.Refusals, 3, 6);

        // -NoProxy goes straight to the name, which nothing but the proxy resolves.
        Assert.Equal("ConnectionError", root.GetProperty("Direct").GetProperty("Category").GetString());
        Assert.Equal(4, server.Requests.Count);

        foreach (var secret in new[] { proxyPassword, wrongPassword })
        {
            Assert.DoesNotContain(secret, output);
            Assert.DoesNotContain(secret, errors);
        }

        Assert.Null(KeyCanary.FindLeak(output + errors));
    }
}
