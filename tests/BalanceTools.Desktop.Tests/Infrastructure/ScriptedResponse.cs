using System.Globalization;
using System.Text;

namespace BalanceTools.Desktop.Tests;

/// <summary>One answer of a <see cref="ScriptedServer"/>.</summary>
internal sealed class ScriptedResponse
{
    public ScriptedResponse(int status, string json, Uri? location = null)
    {
        Status = status;
        Json = json;
        Location = location;
    }

    public int Status { get; }

    public string Json { get; }

    /// <summary>Where a redirect points.</summary>
    public Uri? Location { get; }

    public byte[] ToBytes(string requestId)
    {
        var body = Encoding.UTF8.GetBytes(Json);
        var head = string.Format(
            CultureInfo.InvariantCulture,
            "HTTP/1.1 {0} Scripted\r\nContent-Type: application/json\r\nContent-Length: {1}\r\nRequest-Id: {2}\r\n{3}Connection: close\r\n\r\n",
            Status,
            body.Length,
            requestId,
            Location is null ? string.Empty : "Location: " + Location.AbsoluteUri + "\r\n");
        return Encoding.ASCII.GetBytes(head).Concat(body).ToArray();
    }
}
