using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>Connect-Stripe is a per-runspace default: parallel runspaces each keep their own key.</summary>
public sealed class SessionTests
{
    [Fact]
    public async Task Eight_runspaces_of_a_pool_each_connect_with_their_own_key_and_the_server_sees_no_cross_talk()
    {
        const int Runspaces = 8;
        var keys = Enumerable.Range(0, Runspaces).Select(i => KeyCanary.Create("CANARYpool" + i)).ToList();
        await using var session = await HostedSession.StartAsync(connect: false, latency: TimeSpan.FromMilliseconds(20), additionalKeys: keys);
        var customers = keys.Select(_ => session.Customer(120)).ToList();
        using var pool = RunspaceFactory.CreateRunspacePool(ImportingState());
        pool.SetMaxRunspaces(Runspaces);
        pool.SetMinRunspaces(Runspaces);
        pool.Open();

        var runs = Enumerable.Range(0, Runspaces).Select(i =>
        {
            var shell = PowerShell.Create();
            shell.RunspacePool = pool;
            shell.AddScript("""
                param($Key, $Base, $Customer)
                Connect-Stripe -ApiKey $Key -ApiBaseUri $Base
                foreach ($round in 1..3) { (Get-CustomerBalanceTransaction $Customer -All).Count }
                Disconnect-Stripe
                """).AddArgument(keys[i]).AddArgument(session.BaseUri).AddArgument(customers[i]);
            return (Shell: shell, Run: shell.BeginInvoke());
        }).ToList();
        var counts = runs.Select(run =>
        {
            using (run.Shell)
            {
                var output = run.Shell.EndInvoke(run.Run);
                Assert.Empty(run.Shell.Streams.Error);
                return output.Select(o => (int)o.BaseObject).ToList();
            }
        }).ToList();

        Assert.All(counts, c => Assert.Equal(new[] { 120, 120, 120 }, c));
        var requests = session.Server.Requests.Snapshot();
        Assert.Equal(Runspaces * 3 * 2, requests.Count);
        for (var i = 0; i < Runspaces; i++)
        {
            var forCustomer = requests.Where(r => r.RawPath.Contains(customers[i], StringComparison.Ordinal)).ToList();
            Assert.Equal(6, forCustomer.Count);
            Assert.All(forCustomer, r => Assert.Equal("Bearer " + keys[i], r.Headers["authorization"]));
        }
    }

    [Fact]
    public async Task Runspaces_that_use_one_key_and_account_share_one_rate_limit()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        var customer = session.Customer(1);
        var account = "acct_shared" + Guid.NewGuid().ToString("N")[..12];
        using var pool = RunspaceFactory.CreateRunspacePool(ImportingState());
        pool.SetMaxRunspaces(2);
        pool.SetMinRunspaces(2);
        pool.Open();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var runs = Enumerable.Range(0, 2).Select(_ =>
        {
            var shell = PowerShell.Create();
            shell.RunspacePool = pool;
            shell.AddScript("""
                param($Key, $Base, $Customer, $Account)
                foreach ($i in 1..12) { $null = Get-CustomerBalanceTransaction $Customer -Limit 1 -ApiKey $Key -ApiBaseUri $Base -StripeAccount $Account -MaxRequestsPerSecond 10 }
                """).AddArgument(KeyCanary.ServerKey).AddArgument(session.BaseUri).AddArgument(customer).AddArgument(account);
            return (Shell: shell, Run: shell.BeginInvoke());
        }).ToList();
        foreach (var run in runs)
        {
            using (run.Shell)
            {
                run.Shell.EndInvoke(run.Run);
                Assert.Empty(run.Shell.Streams.Error);
            }
        }

        // 24 requests at 10 a second for the pair: the first second's 10 at once, the other 14 over 1.4 s. Had each
        // runspace its own limit, 12 each would take only 0.2 s past the burst.
        Assert.Equal(24, session.Server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1.2), $"24 requests at 10 a second over two runspaces took only {clock.Elapsed}");
    }

    [Fact]
    public async Task Parameters_win_over_the_session_default_and_Disconnect_forgets_it()
    {
        var other = KeyCanary.Create("CANARYcall");
        await using var session = await HostedSession.StartAsync(additionalKeys: new[] { other });
        session.SetVariable("Customer", session.Customer(1));
        session.SetVariable("Other", other);

        var result = session.Run("""
            Get-CustomerBalanceTransaction $Customer -ApiKey $Other | Out-Null
            Get-CustomerBalanceTransaction $Customer | Out-Null
            Disconnect-Stripe
            Get-CustomerBalanceTransaction $Customer -ApiBaseUri $Base
            """);
        var authorizations = session.Server.Requests.Snapshot().Select(r => r.Headers["authorization"]).ToList();

        Assert.Equal(new[] { "Bearer " + other, "Bearer " + KeyCanary.ServerKey }, authorizations);
        Assert.Equal(ErrorCategory.AuthenticationError, result.SingleError().CategoryInfo.Category);
    }

    [Fact]
    public async Task Connect_Stripe_takes_a_credential_and_PassThru_shows_only_the_redacted_key()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(2));

        var result = session.Run("""
            $credential = [pscredential]::new('stripe', $Key)
            Connect-Stripe -Credential $credential -ApiBaseUri $Base -PassThru -Verbose
            (Get-CustomerBalanceTransaction $Customer).Count
            """).AssertClean();

        var settings = result.Output[0];
        Assert.Equal("test", settings.Properties["Mode"].Value);
        Assert.Equal("sk_test_****" + KeyCanary.ServerKey[^4..], settings.Properties["ApiKey"].Value.ToString());
        Assert.Equal(2, result.Output[1].BaseObject);
        Assert.Contains("Connected to Stripe in test mode", Assert.Single(result.Verbose).Message);
    }

    private static InitialSessionState ImportingState()
    {
        var state = InitialSessionState.CreateDefault2();
        state.ImportPSModule(StagedModule.Manifest);
        return state;
    }
}
