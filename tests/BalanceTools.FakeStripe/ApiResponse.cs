namespace BalanceTools.FakeStripe;

/// <summary>
/// A fully rendered JSON response. Bodies are rendered before anything is sent so the same bytes can be
/// stored for idempotent replay, truncated or framed with an exact Content-Length.
/// </summary>
internal sealed record ApiResponse(int StatusCode, ReadOnlyMemory<byte> Body);
