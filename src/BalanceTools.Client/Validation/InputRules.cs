using System.Globalization;
using System.Text.RegularExpressions;

namespace BalanceTools.Client;

/// <summary>
/// Stripe's rules for single values, each answering why a value is not acceptable in plain words (or null when it
/// is). The client enforces them before sending; a host such as the PowerShell module checks the same rules when it
/// binds its parameters, so the user hears about a bad value under the name they typed.
/// </summary>
public static class InputRules
{
    /// <summary>Longest description Stripe stores.</summary>
    public const int MaxDescriptionLength = 350;

    /// <summary>Longest idempotency key Stripe accepts.</summary>
    public const int MaxIdempotencyKeyLength = 255;

    private const string ListItemPrefix = "data.";

    // "scheme://user:password@": the password is everything after the first colon up to the last @ before the host.
    private static readonly Regex UserInfoPassword = new("(://[^/:@]*:)[^/]*@", RegexOptions.CultureInvariant);

    private static readonly Regex ApiVersionShape = new("^[0-9]{4}-[0-9]{2}-[0-9]{2}([.][a-z]+)?$", RegexOptions.CultureInvariant);

    /// <summary>A three-letter ISO 4217 code, in any case.</summary>
    public static string? Currency(string? value) =>
        value is { Length: 3 } && value.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
            ? null
            : $"{InputText.Quote(value)} is not a currency code: give the three-letter ISO code, such as usd, eur or gbp.";

    /// <summary>At most <paramref name="maximum"/> characters.</summary>
    public static string? TextLength(string? value, int maximum) =>
        value is null || value.Length <= maximum
            ? null
            : $"{InputText.Quote(value)} is {value.Length} characters long; at most {maximum} are allowed.";

    /// <summary>
    /// A field of a balance transaction that Stripe can expand, optionally followed by fields of the expanded
    /// object (<c>invoice.subscription</c>); for a list, the same below <c>data.</c>.
    /// </summary>
    public static string? ExpandField(string? field)
    {
        if (field is null || field.Trim().Length == 0 || field.Any(char.IsWhiteSpace))
        {
            return $"{InputText.Quote(field)} is not a field name: name a field to expand, such as invoice.";
        }

        var path = field.StartsWith(ListItemPrefix, StringComparison.Ordinal) ? field.Substring(ListItemPrefix.Length) : field;
        var first = path.Split('.')[0];
        return StripeVocabulary.ExpandableFields.Contains(first, StringComparer.Ordinal)
            ? null
            : $"{InputText.Quote(field)} cannot be expanded: a balance transaction can expand {string.Join(", ", StripeVocabulary.ExpandableFields)} (and fields of those objects, such as invoice.subscription).";
    }

    /// <summary>A Stripe API version: a release date with an optional name, such as <c>2026-10-28.endive</c>.</summary>
    public static string? ApiVersion(string? value) =>
        value is not null && ApiVersionShape.IsMatch(value)
            ? null
            : $"{InputText.Quote(value)} is not a Stripe API version: versions are release dates with an optional name, such as {StripeDefaults.ApiVersion}.";

    /// <summary>Where a key may be sent: https anywhere, plain http only to this machine (the offline server).</summary>
    public static string? BaseUri(Uri? value)
    {
        if (value is null || !value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp))
        {
            return NotAWebAddress(value?.OriginalString);
        }

        return value.Scheme == Uri.UriSchemeHttps || value.IsLoopback
            ? null
            : $"Refusing to send a Stripe key to '{value.GetLeftPart(UriPartial.Authority)}' in clear text: use https, or http only to a loopback address such as the offline server.";
    }

    /// <summary>The text of a base URI, as a person or an environment variable writes it; <paramref name="uri"/> is set when it parses.</summary>
    public static string? BaseUri(string? text, out Uri? uri)
    {
        uri = text is not null && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) ? parsed : null;
        return uri is null ? NotAWebAddress(text) : BaseUri(uri);
    }

    /// <summary>
    /// A proxy as Invoke-RestMethod's <c>-Proxy</c> takes it: an absolute http or https address with a host. A user
    /// name or password inside it is refused, because the address is shown in history, logs and messages; the
    /// credential is given apart from it.
    /// </summary>
    public static string? ProxyUri(Uri? value)
    {
        if (value is null || !value.IsAbsoluteUri || (value.Scheme != Uri.UriSchemeHttps && value.Scheme != Uri.UriSchemeHttp) || value.Host.Length == 0)
        {
            return $"{InputText.Quote(ShownProxy(value?.OriginalString))} is not a proxy address: give an absolute http or https address such as http://proxy.example.com:8080.";
        }

        if (value.UserInfo.Length > 0)
        {
            var shown = value.GetLeftPart(UriPartial.Scheme) + value.Authority;
            return $"The proxy address {InputText.Quote(ShownProxy(value.OriginalString))} has a user name or password in it, which would show in the command history and in logs: give the address alone ({shown}) and the user name and password with -ProxyCredential (Get-Credential), or -ProxyUseDefaultCredentials for your Windows sign-in.";
        }

        return null;
    }

    /// <summary>The text of a proxy address; <paramref name="uri"/> is set when it parses.</summary>
    public static string? ProxyUri(string? text, out Uri? uri)
    {
        uri = text is not null && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) ? parsed : null;
        return uri is null
            ? $"{InputText.Quote(ShownProxy(text))} is not a proxy address: give an absolute http or https address such as http://proxy.example.com:8080."
            : ProxyUri(uri);
    }

    /// <summary>A proxy address as it may be shown: any password in it masked.</summary>
    internal static string? ShownProxy(string? text) =>
        text is null ? null : UserInfoPassword.Replace(text, "$1****@");

    /// <summary>
    /// Most requests per second: a number from 0 (no client-side limit) to 10,000, as text or a number;
    /// <paramref name="rate"/> is set when it is one.
    /// </summary>
    public static string? RequestRate(object? value, out double rate)
    {
        var text = value is string given ? given.Trim() : Convert.ToString(value, CultureInfo.InvariantCulture);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && (rate == 0 || (rate >= 1 && rate <= 10_000)))
        {
            return null;
        }

        rate = 0;
        return $"{InputText.Quote(text)} is not a request rate: give requests per second from 1 to 10000 (Stripe allows 25 per endpoint and 100 in all by default), or 0 for no client-side limit.";
    }

    /// <summary>
    /// A whole number between <paramref name="minimum"/> and <paramref name="maximum"/>: an integer, a number
    /// without a fraction, or digits as text (a CSV cell). A fraction is refused, never rounded.
    /// </summary>
    public static string? WholeNumber(object? value, long minimum, long maximum, out long number)
    {
        number = 0;
        decimal? parsed = value switch
        {
            null => null,
            bool => null,
            byte or sbyte or short or ushort or int or uint or long => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            ulong big => big <= long.MaxValue ? big : null,
            float or double => ToDecimal(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            decimal exact => exact,
            string text => decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fromText) ? fromText : null,
            _ => null,
        };
        var shown = value is string given ? InputText.Quote(given) : InputText.Quote(Convert.ToString(value, CultureInfo.InvariantCulture));
        if (parsed is not { } candidate)
        {
            return $"{shown} is not a whole number.";
        }

        if (candidate != decimal.Truncate(candidate))
        {
            return $"{shown} is not a whole number; fractions are not rounded.";
        }

        if (candidate < minimum || candidate > maximum)
        {
            return $"{shown} is out of range: give a whole number from {minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)}.";
        }

        number = (long)candidate;
        return null;
    }

    private static string NotAWebAddress(string? text) =>
        $"{InputText.Quote(text)} is not a web address: give an absolute https address such as {StripeDefaults.BaseUri.GetLeftPart(UriPartial.Authority)}, or http to this machine such as http://127.0.0.1:12111.";

    private static decimal? ToDecimal(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) || Math.Abs(value) > 7.9e28 ? null : (decimal)value;
}
