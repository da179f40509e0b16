namespace BalanceTools.Client;

/// <summary>Reads a successful response body; the span is only valid during the call.</summary>
internal delegate T BodyParser<out T>(ReadOnlySpan<byte> body);
