using System.Text;
using System.Text.RegularExpressions;

namespace BalanceTools.FakeStripe;

/// <summary>
/// Checks the secret key sent as <c>Bearer</c> token or as the HTTP Basic user name against the keys the server
/// accepts (one per simulated account or user, so tests can tell which caller sent a request).
/// </summary>
internal sealed partial class ApiKeyAuthenticator(IReadOnlySet<string> acceptedKeys)
{
    /// <summary>Null when the request carries an accepted key (returned in <paramref name="key"/>), otherwise the 401 error to send.</summary>
    public StripeError? Check(string? authorization, out string key)
    {
        key = PresentedKey(authorization) ?? string.Empty;
        if (key.Length == 0)
        {
            return StripeErrors.MissingApiKey();
        }

        return acceptedKeys.Contains(key) ? null : StripeErrors.InvalidApiKey(Redact(key));
    }

    private static string? PresentedKey(string? authorization)
    {
        if (authorization is null)
        {
            return null;
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return null;
        }

        var scheme = authorization[..space];
        var credentials = authorization[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return credentials;
        }

        if (!scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var userAndPassword = Encoding.UTF8.GetString(Convert.FromBase64String(credentials));
            var colon = userAndPassword.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? userAndPassword : userAndPassword[..colon];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Like Stripe, keep the key's kind prefix and last four characters so the owner can recognise it.
    private static string Redact(string key)
    {
        var prefix = KeyPrefix().Match(key).Value;
        var rest = key[prefix.Length..];
        return rest.Length > 8 ? prefix + "****" + rest[^4..] : prefix + "****";
    }

    [GeneratedRegex("^(sk|rk|pk)_(test|live)_")]
    private static partial Regex KeyPrefix();
}
