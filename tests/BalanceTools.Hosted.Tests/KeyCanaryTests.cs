using System.Net;
using System.Net.Sockets;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// The key never shows: with -Verbose and -Debug on, through success and every kind of failure, no stream, error
/// record, $Error entry or progress record holds a key or any eight characters of one. (Every run of every hosted
/// test is checked the same way; these drive the paths where a key is most at risk.)
/// </summary>
public sealed class KeyCanaryTests
{
    private const string Loud = "-Verbose -Debug";

    [Fact]
    public async Task Success_with_verbose_and_debug_shows_no_key()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(150));

        var result = session.Run($$"""
            Connect-Stripe -ApiKey $KeyText -ApiBaseUri $Base -PassThru {{Loud}}
            Get-CustomerBalanceTransaction $Customer -All {{Loud}}
            New-CustomerBalanceTransaction $Customer -100 usd -Description $KeyText -WhatIf {{Loud}}
            New-CustomerBalanceTransaction $Customer -100 usd -Metadata @{ note = 'x' } {{Loud}}
            """).AssertClean();

        Assert.Equal(152, result.Output.Count);
        Assert.NotEmpty(result.Verbose);
        Assert.NotEmpty(result.Debug);
        Assert.NotEmpty(result.Progress);
    }

    [Fact]
    public async Task A_refused_key_401_shows_only_its_redacted_form()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(1));
        session.SetVariable("Wrong", KeyCanary.WrongKey);

        var result = session.Run($"Get-CustomerBalanceTransaction $Customer -ApiKey $Wrong -ApiBaseUri $Base {Loud}");
        var error = result.SingleError();

        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("****" + KeyCanary.WrongKey[^4..], PipelineResult.Message(error));
    }

    [Fact]
    public async Task Server_errors_timeouts_and_refused_connections_show_no_key()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(1);
        session.SetVariable("Customer", customer);
        session.SetVariable("Closed", "http://127.0.0.1:" + ClosedPort());
        session.Server.Faults.Enqueue(Fault.Status(500, message: "Injected failure for " + KeyCanary.ServerKey));
        session.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(5)));
        session.Server.Faults.Enqueue(Fault.ResetAfterCommit(), "POST");

        var result = session.Run($$"""
            Get-CustomerBalanceTransaction $Customer {{Loud}}
            Get-CustomerBalanceTransaction $Customer -TimeoutSec 1 {{Loud}}
            Get-CustomerBalanceTransaction $Customer -ApiBaseUri $Closed {{Loud}}
            New-CustomerBalanceTransaction $Customer -100 usd {{Loud}}
            Get-CustomerBalanceTransaction $Customer -ApiKey "sk_test_$($KeyText.Substring(8)) x" {{Loud}}
            """);

        Assert.Equal(
            new[] { "ResourceUnavailable", "OperationTimeout", "ConnectionError", "ConnectionError", "InvalidData" },
            result.Errors.Select(e => e.CategoryInfo.Category.ToString()));
        Assert.Contains("Injected failure for sk_test_****", PipelineResult.Message(result.Errors[0]));
    }

    [Fact]
    public void The_canary_finds_any_eight_characters_of_a_secret_and_allows_the_redacted_form()
    {
        var key = KeyCanary.ServerKey;

        Assert.NotNull(KeyCanary.FindLeak("before " + key.Substring(17, 8) + " after"));
        Assert.NotNull(KeyCanary.FindLeak(key.ToUpperInvariant() == key ? key : key[8..16]));
        Assert.Null(KeyCanary.FindLeak("sk_test_****" + key[^4..]));
        Assert.Null(KeyCanary.FindLeak("sk_test_CANARY"));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
