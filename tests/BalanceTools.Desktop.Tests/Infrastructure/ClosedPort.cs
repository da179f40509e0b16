using System.Net;
using System.Net.Sockets;

namespace BalanceTools.Desktop.Tests;

internal static class ClosedPort
{
    /// <summary>A loopback address nothing listens on, so connecting to it is refused.</summary>
    public static Uri Address()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
