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

    private static string? InnermostMessage(Exception? exception)
    {
        while (exception?.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception?.Message;
    }
}
