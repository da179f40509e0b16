using System.Globalization;
using System.Text;

namespace BalanceTools.Client;

/// <summary>
/// Builds query strings and <c>application/x-www-form-urlencoded</c> bodies exactly as Stripe's official SDKs do:
/// bracket notation left unescaped (<c>metadata[order_id]=6735</c>), lists indexed (<c>expand[0]=invoice</c>),
/// everything else percent-encoded per RFC 3986 with spaces as <c>%20</c>.
/// </summary>
internal sealed class FormBuilder
{
    private readonly StringBuilder text = new();

    public FormBuilder Add(string key, string value)
    {
        if (text.Length > 0)
        {
            text.Append('&');
        }

        text.Append(EscapeKey(key)).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    public FormBuilder Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    public FormBuilder AddIfNotNull(string key, string? value) => value is null ? this : Add(key, value);

    public FormBuilder AddList(string key, IEnumerable<string> values)
    {
        var index = 0;
        foreach (var value in values)
        {
            Add(key + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", value);
            index++;
        }

        return this;
    }

    /// <summary>Adds <c>metadata[key]=value</c> per entry; a null value is sent as an empty string, which Stripe reads as "unset".</summary>
    public FormBuilder AddMetadata<TValue>(IEnumerable<KeyValuePair<string, TValue>> metadata)
        where TValue : class?
    {
        foreach (var entry in metadata)
        {
            Add("metadata[" + entry.Key + "]", entry.Value?.ToString() ?? string.Empty);
        }

        return this;
    }

    public override string ToString() => text.ToString();

    private static string EscapeKey(string key) =>
        Uri.EscapeDataString(key).Replace("%5B", "[").Replace("%5D", "]");
}
