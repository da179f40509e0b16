using System.Net.Http;
using RestSharp;

namespace BalanceTools.Client;

/// <summary>
/// Turns the HttpResponseMessage RestSharp received into a RestResponse with one copy of the body and nothing
/// more. RestSharp's default response handling copies every body twice more and decodes it into a UTF-16 string;
/// for a page of 100 transactions that string lands on the large object heap, which made paging measurably
/// slower and tripled the bytes allocated per object.
/// </summary>
internal static class BufferedResponse
{
    /// <summary>For <see cref="RestRequest.AdvancedResponseWriter"/>; the body is already buffered (ResponseContentRead).</summary>
    public static RestResponse From(HttpResponseMessage message, RestRequest request)
    {
        var headers = new List<HeaderParameter>();
        foreach (var header in message.Headers)
        {
            foreach (var value in header.Value)
            {
                headers.Add(new HeaderParameter(header.Key, value));
            }
        }

        return new RestResponse(request)
        {
            StatusCode = message.StatusCode,
            StatusDescription = message.ReasonPhrase,
            ResponseStatus = ResponseStatus.Completed,
            IsSuccessStatusCode = message.IsSuccessStatusCode,
            Headers = headers,
            RawBytes = message.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult(),
            ContentType = message.Content.Headers.ContentType?.MediaType,
            ContentLength = message.Content.Headers.ContentLength,
            ResponseUri = message.RequestMessage?.RequestUri,
        };
    }
}
