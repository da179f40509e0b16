using System.Net.Http.Headers;
using System.Text.Json;
using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

/// <summary>Plain HttpClient plumbing for talking to the fake server in tests.</summary>
internal static class FakeStripeHttp
{
    public static HttpClient CreateClient(FakeStripeServer server, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = server.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey ?? server.ApiKey);
        return client;
    }

    public const string CustomersPath = "v1/customers";

    public static string CustomerPath(string customerId) => $"v1/customers/{customerId}";

    public static string TransactionsPath(string customerId) => $"v1/customers/{customerId}/balance_transactions";

    public static Task<HttpResponseMessage> PostFormAsync(
        this HttpClient client, string path, string body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string pathAndQuery)
    {
        using var response = await client.GetAsync(pathAndQuery);
        Assert.Equal(200, (int)response.StatusCode);
        return await response.ReadJsonAsync();
    }

    public static string[] Ids(this JsonElement list) =>
        list.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToArray();

    public static JsonElement Error(this JsonElement body) => body.GetProperty("error");

    /// <summary>Asserts the 400 invalid_request_error a refused parameter gets, naming <paramref name="param"/> with <paramref name="code"/>.</summary>
    public static async Task AssertRefusedParameterAsync(this HttpResponseMessage response, string param, string? code)
    {
        Assert.Equal(400, (int)response.StatusCode);
        var error = (await response.ReadJsonAsync()).Error();
        Assert.Equal("invalid_request_error", error.Text("type"));
        Assert.Equal(param, error.Text("param"));
        Assert.Equal(code, error.Text("code"));
    }

    public static string? Text(this JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;
}
