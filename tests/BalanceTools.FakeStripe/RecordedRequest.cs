namespace BalanceTools.FakeStripe;

/// <summary>One request as the server received it.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="RawPath">The path exactly as sent on the wire, still percent-encoded.</param>
/// <param name="RawQuery">The query string without the leading '?'.</param>
/// <param name="RawBody">The request body decoded as UTF-8.</param>
/// <param name="Headers">Request headers with lower-case names; repeated headers are joined with ", ".</param>
/// <param name="ReceivedAt">When the server started handling the request.</param>
public sealed record RecordedRequest(
    string Method,
    string RawPath,
    string RawQuery,
    string RawBody,
    IReadOnlyDictionary<string, string> Headers,
    DateTimeOffset ReceivedAt);
