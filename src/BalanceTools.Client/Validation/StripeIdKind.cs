namespace BalanceTools.Client;

/// <summary>
/// A kind of Stripe id: Stripe gives every object of a kind the same prefix (<c>cus_</c>, <c>cbtxn_</c>, ...)
/// followed by letters and digits, so a value of another shape cannot name such an object.
/// </summary>
public sealed class StripeIdKind
{
    /// <summary>Longest id accepted; Stripe's ids are far shorter.</summary>
    public const int MaxLength = 255;

    private StripeIdKind(string noun, string prefix, string example)
    {
        Noun = noun;
        Prefix = prefix;
        Example = example;
    }

    /// <summary>A customer: <c>cus_</c>.</summary>
    public static StripeIdKind Customer { get; } = new("customer", "cus_", "cus_NcjdgdwZyI9Rj7");

    /// <summary>A customer balance transaction: <c>cbtxn_</c>.</summary>
    public static StripeIdKind BalanceTransaction { get; } = new("balance transaction", "cbtxn_", "cbtxn_1MrXmJLkdIwHu7ixK9OvPWjv");

    /// <summary>An invoice: <c>in_</c>.</summary>
    public static StripeIdKind Invoice { get; } = new("invoice", "in_", "in_1MtHbELkdIwHu7ixl4OzzPMv");

    /// <summary>A connected account (the <c>Stripe-Account</c> header): <c>acct_</c>.</summary>
    public static StripeIdKind ConnectedAccount { get; } = new("connected account", "acct_", "acct_1032D82eZvKYlo2C");

    /// <summary>What the id names, in words: "customer".</summary>
    public string Noun { get; }

    /// <summary>The prefix of every id of this kind.</summary>
    public string Prefix { get; }

    /// <summary>A well-formed id of this kind, to show in messages.</summary>
    public string Example { get; }

    /// <summary>Why <paramref name="value"/> cannot be an id of this kind, in plain words; null when it can be.</summary>
    public string? Problem(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return $"A {Noun} id is required, such as {Example}; the value is empty.";
        }

        if (value.Length > MaxLength)
        {
            return $"{InputText.Quote(value)} is not a {Noun} id: it is {value.Length} characters long.";
        }

        if (!value.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return $"{InputText.Quote(value)} is not a {Noun} id: {Noun} ids start with {Prefix}, such as {Example}.";
        }

        if (value.Length == Prefix.Length || !value.All(IsIdCharacter))
        {
            return $"{InputText.Quote(value)} is not a {Noun} id: after {Prefix} come only letters, digits and underscores, such as {Example}.";
        }

        return null;
    }

    private static bool IsIdCharacter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';
}
