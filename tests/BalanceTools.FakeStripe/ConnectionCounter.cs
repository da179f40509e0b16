using Microsoft.AspNetCore.Connections;

namespace BalanceTools.FakeStripe;

/// <summary>
/// Counts the TCP connections clients open to the server: how many were ever accepted and how many are open now,
/// which is how a test or benchmark sees whether a client reuses pooled connections or opens one per call.
/// </summary>
public sealed class ConnectionCounter
{
    private int _accepted;
    private int _open;

    internal ConnectionCounter()
    {
    }

    /// <summary>Connections accepted since the server started.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections open now.</summary>
    public int Open => Volatile.Read(ref _open);

    internal ConnectionDelegate Count(ConnectionDelegate next) => async connection =>
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Increment(ref _open);
        try
        {
            await next(connection);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    };
}
