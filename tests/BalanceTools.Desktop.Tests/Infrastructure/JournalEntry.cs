namespace BalanceTools.Desktop.Tests;

/// <summary>One request as the fake server journaled it (its <c>/_fake/requests</c> endpoint).</summary>
public sealed class JournalEntry
{
    public JournalEntry(string method, string path, string query, string body, int status, bool completed)
    {
        Method = method;
        Path = path;
        Query = query;
        Body = body;
        Status = status;
        Completed = completed;
    }

    public string Method { get; }

    /// <summary>The path as sent, still percent-encoded.</summary>
    public string Path { get; }

    /// <summary>The query string without its '?'.</summary>
    public string Query { get; }

    public string Body { get; }

    /// <summary>The status the server answered; 0 while in flight or when no answer was sent.</summary>
    public int Status { get; }

    /// <summary>Whether the server has finished with the request (answered it or lost the connection).</summary>
    public bool Completed { get; }
}
