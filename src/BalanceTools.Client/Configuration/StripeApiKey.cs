namespace BalanceTools.Client;

/// <summary>
/// A Stripe secret or restricted key. It is only ever written into the <c>Authorization</c> header;
/// every textual form of this object is redacted so the key cannot leak into logs, errors or output.
/// </summary>
public sealed class StripeApiKey
{
    private readonly string secret;
    private readonly string authorizationHeaderValue;
    private string? fingerprint;

    /// <summary>Wraps a secret (<c>sk_</c>) or restricted (<c>rk_</c>) key; see <see cref="Problem"/>.</summary>
    /// <exception cref="StripeInputException">The text cannot be a key the API accepts.</exception>
    public StripeApiKey(string secret)
    {
        if (Problem(secret) is { } problem)
        {
            throw new StripeInputException(problem, "apiKey");
        }

        this.secret = secret;
        authorizationHeaderValue = "Bearer " + secret;
    }

    /// <summary>
    /// Why <paramref name="secret"/> cannot authenticate API calls, in plain words that show only its redacted
    /// form; null when it can. A publishable key (<c>pk_</c>) is the usual mistake: it is meant for browsers.
    /// </summary>
    public static string? Problem(string? secret)
    {
        if (secret is null || secret.Trim().Length == 0)
        {
            return "The key is empty.";
        }

        var shown = Redact(secret);
        if (secret.Any(char.IsWhiteSpace))
        {
            return $"The key ({shown}) contains spaces or line breaks; check how it was copied.";
        }

        if (secret.StartsWith("pk_", StringComparison.Ordinal))
        {
            return $"The key ({shown}) is a publishable key, which only Stripe.js and mobile apps use; the API needs a secret key (sk_test_… or sk_live_…) or a restricted key (rk_…).";
        }

        return secret.StartsWith("sk_", StringComparison.Ordinal) || secret.StartsWith("rk_", StringComparison.Ordinal)
            ? null
            : $"The key ({shown}) is not a Stripe secret key: secret keys start with sk_test_ or sk_live_, restricted keys with rk_test_ or rk_live_.";
    }

    /// <summary>The key as Stripe shows it in its dashboard: prefix and last four characters only.</summary>
    public string Redacted => Redact(secret);

    /// <summary>True for keys of test mode (<c>sk_test_</c>, <c>rk_test_</c>).</summary>
    public bool IsTestMode => secret.Contains("_test_");

    /// <inheritdoc />
    public override string ToString() => Redacted;

    /// <summary>Built once per key rather than per request: every request of a long export sends the same header.</summary>
    internal string AuthorizationHeaderValue => authorizationHeaderValue;

    /// <summary>
    /// A SHA-256 digest of the key, to tell keys apart where the key itself must not be kept (the rate limiters);
    /// worked out once per key, not per request.
    /// </summary>
    internal string Fingerprint => fingerprint ??= Digest(secret);

    /// <summary>Replaces every occurrence of this key in <paramref name="text"/> with its redacted form.</summary>
    internal string Scrub(string text) =>
        text.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, Redacted);

    private static string Digest(string key)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToBase64String(sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(key)));
    }

    private static string Redact(string key)
    {
        var prefix = System.Text.RegularExpressions.Regex.Match(key, "^(sk|rk|pk)_(test|live)_").Value;
        var tail = key.Length >= prefix.Length + 12 ? key.Substring(key.Length - 4) : string.Empty;
        return prefix + "****" + tail;
    }
}
