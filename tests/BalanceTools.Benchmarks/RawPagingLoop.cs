using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BalanceTools.Benchmarks;

/// <summary>
/// The practical limit for any .NET client: one HttpClient, one request at a time, the body streamed into
/// System.Text.Json's source-generated deserializer, no retries, no validation, no error handling.
/// </summary>
public sealed class RawPagingLoop : IDisposable
{
    private readonly HttpClient http;

    public RawPagingLoop(Uri baseUri, string apiKey)
    {
        http = new HttpClient { BaseAddress = baseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public async IAsyncEnumerable<RawTransaction> StreamAsync(string customer, int pageSize)
    {
        string? cursor = null;
        while (true)
        {
            var path = $"v1/customers/{customer}/balance_transactions?limit={pageSize}" + (cursor is null ? string.Empty : "&starting_after=" + cursor);
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            var page = (await JsonSerializer.DeserializeAsync(body, RawJsonContext.Default.RawPage))!;
            foreach (var transaction in page.Data)
            {
                yield return transaction;
            }

            if (!page.HasMore || page.Data.Count == 0)
            {
                yield break;
            }

            cursor = page.Data[^1].Id;
        }
    }

    public void Dispose() => http.Dispose();
}

public sealed class RawPage
{
    [JsonPropertyName("data")]
    public List<RawTransaction> Data { get; set; } = new();

    [JsonPropertyName("has_more")]
    public bool HasMore { get; set; }
}

public sealed class RawTransaction
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    [JsonPropertyName("amount")]
    public long Amount { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("currency")]
    public string Currency { get; set; } = string.Empty;

    [JsonPropertyName("customer")]
    public string? Customer { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("ending_balance")]
    public long EndingBalance { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public Dictionary<string, string>? Metadata { get; set; }
}

[JsonSerializable(typeof(RawPage))]
internal sealed partial class RawJsonContext : JsonSerializerContext
{
}
