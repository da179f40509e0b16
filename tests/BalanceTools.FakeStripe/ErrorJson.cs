using System.Text.Json;

namespace BalanceTools.FakeStripe;

/// <summary>Stripe's error envelope: <c>{"error":{...}}</c> with null members left out.</summary>
internal static class ErrorJson
{
    public static ApiResponse Render(StripeError error, string requestId) =>
        new(error.Status, JsonBody.Render((error, requestId), Write, 512));

    private static void Write(Utf8JsonWriter writer, (StripeError Error, string RequestId) state)
    {
        var (error, requestId) = state;
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        if (error.Code is not null)
        {
            writer.WriteString("code", error.Code);
            writer.WriteString("doc_url", "https://stripe.com/docs/error-codes/" + error.Code.Replace('_', '-'));
        }

        writer.WriteString("message", error.Message);
        if (error.Param is not null)
        {
            writer.WriteString("param", error.Param);
        }

        writer.WriteString("request_log_url", "https://dashboard.stripe.com/test/logs/" + requestId);
        writer.WriteString("type", error.Type);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
