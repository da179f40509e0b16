using RestSharp;

namespace BalanceTools.Client;

/// <summary>What one HTTP attempt produced, reduced to what the retry policy and error reporting need.</summary>
internal sealed class AttemptOutcome : IDisposable
{
    private readonly RestResponse response;

    public AttemptOutcome(RestResponse response)
    {
        this.response = response;
        ReceivedResponse = response.ResponseStatus == ResponseStatus.Completed && response.StatusCode != 0;
    }

    public bool ReceivedResponse { get; }

    public bool TimedOut => response.ResponseStatus == ResponseStatus.TimedOut;

    public int? Status => ReceivedResponse ? (int)response.StatusCode : null;

    public bool IsSuccess => Status is >= 200 and < 300;

    public ReadOnlySpan<byte> Body => response is BufferedResponse buffered ? buffered.Body : response.RawBytes;

    public Exception? Error => response.ErrorException;

    /// <summary>
    /// The proxy answered 407: to a plain request as a status, to the CONNECT of an https tunnel as an exception
    /// whose message carries the status (.NET gives no other sign of it). Asking again cannot succeed.
    /// </summary>
    public bool ProxyAuthenticationRequired => Status == 407 || (!ReceivedResponse && IsProxyRefusal(response.ErrorException));

    public string? NetworkErrorMessage =>
        ReceivedResponse ? null : TimedOut ? "timed out" : InnermostMessage(response.ErrorException) ?? response.ErrorMessage ?? "no response";

    public void Dispose() => (response as BufferedResponse)?.Dispose();

    public string? Header(string name)
    {
        var headers = response.Headers;
        if (headers is not null)
        {
            foreach (var header in headers)
            {
                if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return header.Value;
                }
            }
        }

        return null;
    }

    private static bool IsProxyRefusal(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            // .NET Framework keeps the proxy's answer; .NET says it only in the message of its tunnel failure.
            if (exception is System.Net.WebException { Response: System.Net.HttpWebResponse { StatusCode: System.Net.HttpStatusCode.ProxyAuthenticationRequired } })
            {
                return true;
            }

            if (exception.Message.IndexOf("407", StringComparison.Ordinal) >= 0 && exception.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string? InnermostMessage(Exception? exception)
    {
        while (exception?.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception?.Message;
    }
}
