namespace BalanceTools.Desktop.Tests;

/// <summary>Bodies in Stripe's wire shape for a <see cref="ScriptedServer"/>.</summary>
internal static class StripeJson
{
    public static string Transaction(string id, long amount) =>
        "{\"id\":\"" + id + "\",\"object\":\"customer_balance_transaction\",\"amount\":" + amount
        + ",\"created\":1680216086,\"currency\":\"usd\",\"customer\":\"cus_wire\",\"ending_balance\":" + amount
        + ",\"livemode\":false,\"metadata\":{},\"type\":\"adjustment\"}";

    public static string Error(string type, string message) =>
        "{\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message + "\"}}";
}
