namespace BalanceTools.Client;

/// <summary>
/// A Stripe secret or restricted key. It is only ever written into the <c>Authorization</c> header;
/// every textual form of this object is redacted so the key cannot leak into logs, errors or output.
/// </summary>
public sealed class StripeApiKey
{
    private readonly string secret;

    /// <summary>Wraps a key; it must be non-empty and contain no whitespace.</summary>
    public StripeApiKey(string secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            throw new ArgumentException("The Stripe API key is empty.", nameof(secret));
        }

        if (secret.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException("The Stripe API key contains whitespace; check how it was copied.", nameof(secret));
        }

        this.secret = secret;
    }

    /// <summary>The key as Stripe shows it in its dashboard: prefix and last four characters only.</summary>
    public string Redacted => Redact(secret);

    /// <summary>True for keys of test mode (<c>sk_test_</c>, <c>rk_test_</c>).</summary>
    public bool IsTestMode => secret.Contains("_test_");

    /// <inheritdoc />
    public override string ToString() => Redacted;

    internal string AuthorizationHeaderValue => "Bearer " + secret;

    /// <summary>Replaces every occurrence of this key in <paramref name="text"/> with its redacted form.</summary>
    internal string Scrub(string text) =>
        text.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, Redacted);

    private static string Redact(string key)
    {
        var prefix = System.Text.RegularExpressions.Regex.Match(key, "^(sk|rk|pk)_(test|live)_").Value;
        var tail = key.Length >= prefix.Length + 12 ? key.Substring(key.Length - 4) : string.Empty;
        return prefix + "****" + tail;
    }
}
