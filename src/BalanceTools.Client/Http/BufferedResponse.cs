using System.Buffers;
using System.Net.Http;
using RestSharp;

namespace BalanceTools.Client;

/// <summary>
/// A RestResponse whose body sits in a buffer rented from the shared pool, filled from the HttpResponseMessage
/// RestSharp received. RestSharp's default handling copies every body twice more and decodes it into a UTF-16
/// string; for a page of 100 transactions that string lands on the large object heap, which made paging slower
/// and tripled the bytes allocated per object. Dispose returns the buffer.
/// </summary>
internal sealed class BufferedResponse : RestResponse, IDisposable
{
    private byte[]? buffer;
    private int length;

    private BufferedResponse(RestRequest request)
        : base(request)
    {
    }

    public ReadOnlySpan<byte> Body => buffer is null ? ReadOnlySpan<byte>.Empty : buffer.AsSpan(0, length);

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

        var response = new BufferedResponse(request)
        {
            StatusCode = message.StatusCode,
            StatusDescription = message.ReasonPhrase,
            ResponseStatus = ResponseStatus.Completed,
            IsSuccessStatusCode = message.IsSuccessStatusCode,
            Headers = headers,
            ContentType = message.Content.Headers.ContentType?.MediaType,
            ContentLength = message.Content.Headers.ContentLength,
            ResponseUri = message.RequestMessage?.RequestUri,
        };
        response.ReadBody(message.Content);
        return response;
    }

    public void Dispose()
    {
        if (buffer is not null)
        {
            // The pool hands the array to the next renter, elsewhere in the process: no financial record stays in it.
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            buffer = null;
        }
    }

    // The content is a completed in-memory buffer here, so reading it synchronously never waits on the network.
    private void ReadBody(HttpContent content)
    {
        using var stream = content.ReadAsStreamAsync().GetAwaiter().GetResult();
        buffer = ArrayPool<byte>.Shared.Rent(stream.CanSeek ? (int)Math.Max(stream.Length, 1) : 16 * 1024);
        int read;
        while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                Buffer.BlockCopy(buffer, 0, larger, 0, length);
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
                buffer = larger;
            }
        }
    }
}
