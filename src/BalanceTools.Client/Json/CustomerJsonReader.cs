using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// Reads a page of customers. A page is read once per hundred customers, so a document is simple enough here;
/// unknown fields are ignored.
/// </summary>
internal static class CustomerJsonReader
{
    public static StripeList<StripeCustomer> ReadList(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        var customers = new List<StripeCustomer>();
        if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
        {
            customers.AddRange(data.EnumerateArray().Select(Read));
        }

        var hasMore = root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True;
        return new StripeList<StripeCustomer>(customers, hasMore, Text(root, "url"));
    }

    private static StripeCustomer Read(JsonElement customer) => new()
    {
        Id = Text(customer, "id") ?? string.Empty,
        Created = DateTimeOffset.FromUnixTimeSeconds(Number(customer, "created")),
        Email = Text(customer, "email"),
        Name = Text(customer, "name"),
        Currency = Text(customer, "currency"),
        Balance = Number(customer, "balance"),
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : 0;
}
