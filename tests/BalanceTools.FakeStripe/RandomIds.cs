namespace BalanceTools.FakeStripe;

/// <summary>Stripe-shaped random identifiers.</summary>
internal static class RandomIds
{
    private const string Alphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public static string Customer() => Create("cus_", 14);

    public static string Transaction() => Create("cbtxn_", 24);

    public static string Request() => Create("req_", 14);

    private static string Create(string prefix, int randomLength) =>
        string.Create(prefix.Length + randomLength, prefix, static (span, prefix) =>
        {
            prefix.CopyTo(span);
            for (var i = prefix.Length; i < span.Length; i++)
            {
                span[i] = Alphanumerics[Random.Shared.Next(Alphanumerics.Length)];
            }
        });
}
