using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>The process-wide transport as scripts meet it: loops and runspaces reuse connections; proxies are session settings.</summary>
public sealed class ConnectionTests
{
    [Fact]
    public async Task Single_calls_in_a_foreach_loop_and_in_another_runspace_share_one_connection()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(3));

        var looped = session.Run("foreach ($i in 1..40) { Get-CustomerBalanceTransaction $Customer -Limit 1 }").AssertClean();
        using (var other = HostedSession.OpenRunspace())
        using (var shell = PowerShell.Create())
        {
            shell.Runspace = other;
            shell.AddScript("param($Key, $Base, $Customer) foreach ($i in 1..10) { Get-CustomerBalanceTransaction $Customer -Limit 1 -ApiKey $Key -ApiBaseUri $Base -MaxRequestsPerSecond 0 }")
                .AddArgument(HostedSession.Secure(KeyCanary.ServerKey)).AddArgument(session.BaseUri).AddArgument(session.Run("$Customer").Output.Single().BaseObject);
            Assert.Equal(10, shell.Invoke().Count);
        }

        Assert.Equal(40, looped.Output.Count);
        Assert.Equal(50, session.Server.Requests.Count);
        Assert.Equal(1, session.Server.Connections.Accepted);
    }

    [Fact]
    public async Task Connect_Stripe_keeps_a_proxy_as_the_session_default_and_shows_it_without_its_password()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("ProxyPassword", HostedSession.Secure("Pr0xy-Passw0rd"));

        var result = session.Run("Connect-Stripe -ApiKey $Key -Proxy http://proxy.example.com:3128 -ProxyCredential ([pscredential]::new('ops', $ProxyPassword)) -PassThru").AssertClean();
        var shown = result.Output.Single().Properties["Proxy"].Value.ToString();

        Assert.Contains("http://proxy.example.com:3128 as ops", shown);
        Assert.DoesNotContain("Pr0xy-Passw0rd", shown);
        Assert.All(result.Texts(), text => Assert.DoesNotContain("Pr0xy-Passw0rd", text));
    }

    [Theory]
    [InlineData("-NoProxy", "no proxy")]
    [InlineData("-Proxy https://proxy.example.com:8443 -ProxyUseDefaultCredentials", "https://proxy.example.com:8443 with the default credentials")]
    [InlineData("", "")]
    public async Task Connect_Stripe_stores_no_proxy_or_default_credentials_as_given_and_nothing_when_none_is_given(string parameters, string shown)
    {
        await using var session = await HostedSession.StartAsync(connect: false);

        var settings = session.Run($"Connect-Stripe -ApiKey $Key {parameters} -PassThru").AssertClean().Output.Single();

        Assert.Equal(shown, settings.Properties["Proxy"].Value?.ToString() ?? string.Empty);
    }
}
