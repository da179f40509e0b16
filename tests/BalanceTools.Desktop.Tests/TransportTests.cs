using System.Net;
using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

/// <summary>The process-wide transport on .NET Framework, as Windows PowerShell 5.1 runs it.</summary>
[Collection(FakeStripeCollection.Name)]
public sealed class TransportTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task Clients_one_after_another_reuse_the_pooled_connection_which_has_a_lease_so_dns_changes_are_noticed()
    {
        var customer = await stripe.CreateCustomerAsync(1);
        using (var warm = new DesktopClient(stripe))
        {
            await warm.Client.ListAsync(customer);
        }

        var before = await stripe.ConnectionsAcceptedAsync();
        for (var call = 0; call < 10; call++)
        {
            using var desktop = new DesktopClient(stripe);
            Assert.Single((await desktop.Client.ListAsync(customer)).Data);
        }

        Assert.Equal(before, await stripe.ConnectionsAcceptedAsync());
        Assert.Equal((int)StripeDefaults.PooledConnectionLifetime.TotalMilliseconds, ServicePointManager.FindServicePoint(stripe.BaseUri).ConnectionLeaseTimeout);
    }
}
