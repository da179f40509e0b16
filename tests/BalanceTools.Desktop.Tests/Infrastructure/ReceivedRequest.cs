namespace BalanceTools.Desktop.Tests;

/// <summary>A request exactly as it reached a <see cref="ScriptedServer"/>.</summary>
internal sealed class ReceivedRequest
{
    public ReceivedRequest(string method, string target, IReadOnlyDictionary<string, string> headers, string body)
    {
        Method = method;
        Target = target;
        Headers = headers;
        Body = body;
    }

    public string Method { get; }

    /// <summary>Path and query as sent.</summary>
    public string Target { get; }

    /// <summary>Headers by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    public string Body { get; }
}
