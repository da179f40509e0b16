using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>Reads Stripe's <c>{"error": {...}}</c> body; tolerates bodies that are not JSON (a proxy's HTML page, say).</summary>
internal static class ErrorJsonReader
{
    public static StripeErrorBody? TryRead(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("error", out var error)
                || error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return new StripeErrorBody(
                Text(error, "type"),
                Text(error, "code"),
                Text(error, "param"),
                Text(error, "message"),
                Text(error, "doc_url"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

internal sealed record StripeErrorBody(string? Type, string? Code, string? Param, string? Message, string? DocUrl);
