using System.Text;
using System.Text.RegularExpressions;

namespace BalanceTools.FakeStripe;

/// <summary>Checks the secret key sent as <c>Bearer</c> token or as the HTTP Basic user name.</summary>
internal sealed partial class ApiKeyAuthenticator(string acceptedKey)
{
    /// <summary>Null when the request carries the accepted key, otherwise the 401 error to send.</summary>
    public StripeError? Check(string? authorization)
    {
        var presented = PresentedKey(authorization);
        if (string.IsNullOrEmpty(presented))
        {
            return StripeErrors.MissingApiKey();
        }

        return string.Equals(presented, acceptedKey, StringComparison.Ordinal)
            ? null
            : StripeErrors.InvalidApiKey(Redact(presented));
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
