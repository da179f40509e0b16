using System.Net;

namespace BalanceTools.Client;

/// <summary>
/// Windows PowerShell 5.1 runs on .NET Framework, whose default protocols may predate TLS 1.2, which Stripe requires.
/// TLS 1.2 is added to whatever is configured; nothing is removed, and the operating system's choice is left alone.
/// </summary>
public static class TlsPolicy
{
    /// <summary>The protocols to use given the <paramref name="current"/> ones.</summary>
    public static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
        current == 0 ? current : current | SecurityProtocolType.Tls12;

    /// <summary>Applies <see cref="WithTls12"/> to the process-wide setting of .NET Framework.</summary>
    public static void EnsureTls12() =>
        ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
}
