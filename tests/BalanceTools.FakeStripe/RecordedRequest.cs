namespace BalanceTools.FakeStripe;

/// <summary>One request as the server received it, and how it ended.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="RawPath">The path exactly as sent on the wire, still percent-encoded.</param>
/// <param name="RawQuery">The query string without the leading '?'.</param>
/// <param name="RawBody">The request body decoded as UTF-8.</param>
/// <param name="Headers">Request headers with lower-case names; repeated headers are joined with ", ".</param>
/// <param name="ReceivedAt">When the server started handling the request (before the rate limiters and the latency).</param>
/// <param name="Status">
/// The HTTP status answered (429 for a request the rate limiters refused); 0 while the request is still being handled,
/// and for one that got no response (a dropped connection, or a client that went away).
/// </param>
/// <param name="CompletedAt">
/// When the server finished with the request: just before the response is sent (after the latency and any delay), or
/// when the connection was dropped; <c>default</c> while the request is still being handled.
/// </param>
public sealed record RecordedRequest(
    string Method,
    string RawPath,
    string RawQuery,
    string RawBody,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt,
    int Status = 0,
    DateTimeOffset CompletedAt = default)
{
    /// <summary>Whether the request has been answered or dropped (else it is still being handled).</summary>
    public bool IsCompleted => CompletedAt != default;
}
