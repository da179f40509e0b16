using System.Net;
using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class TlsPolicyTests
{
    [Fact]
    public void Loading_the_client_as_the_module_does_added_tls12_or_left_the_system_default_alone()
    {
        Assert.Equal(TlsPolicy.WithTls12(DesktopModule.ProtocolsBeforeImport), ServicePointManager.SecurityProtocol);
    }

    [Theory]
    [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls | SecurityProtocolType.Tls11, SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.SystemDefault, SecurityProtocolType.SystemDefault)]
    public void The_process_wide_setting_gains_tls12_and_keeps_what_it_had(SecurityProtocolType before, SecurityProtocolType after)
    {
        var original = ServicePointManager.SecurityProtocol;
        try
        {
            ServicePointManager.SecurityProtocol = before;

            TlsPolicy.EnsureTls12();

            Assert.Equal(after, ServicePointManager.SecurityProtocol);
        }
        finally
        {
            ServicePointManager.SecurityProtocol = original;
        }
    }
}
