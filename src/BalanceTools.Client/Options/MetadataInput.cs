using System.Collections;
using System.Globalization;

namespace BalanceTools.Client;

/// <summary>Turns a loosely typed dictionary (a PowerShell hashtable, say) into metadata pairs, formatting values invariantly.</summary>
public static class MetadataInput
{
    /// <summary>
    /// Keys and values become text (numbers and dates in the invariant culture, so a script sends the same text on
    /// every machine); a null value stays null, which means "remove this key" on update. Values that are not text,
    /// numbers, booleans or dates (a nested hashtable, a list, an object) are refused with their key named rather
    /// than sent as a type name; so are pairs that break Stripe's metadata limits.
    /// </summary>
    /// <exception cref="StripeInputException">A key or value Stripe would not accept.</exception>
    public static Dictionary<string, string?> From(IDictionary pairs, Func<object?, object?>? unwrap = null)
    {
        if (pairs is null)
        {
            throw new ArgumentNullException(nameof(pairs));
        }

        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in pairs)
        {
            var key = Text(unwrap is null ? entry.Key : unwrap(entry.Key));
            if (key is null)
            {
                throw new StripeInputException("A metadata key is empty; every key needs a name.", "metadata");
            }

            var value = unwrap is null ? entry.Value : unwrap(entry.Value);
            result[key] = Text(value) ?? (value is null ? null : throw NotAValue(key, value));
        }

        RequestValidator.Metadata(result);
        return result;
    }

    private static string? Text(object? value) => value switch
    {
        string text => text,
        char character => character.ToString(),
        bool flag => flag ? "true" : "false",
        DateTime dateTime => StripeTimestamp.From(dateTime).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("O", CultureInfo.InvariantCulture),
        Enum or Guid => value.ToString(),
        sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or System.Numerics.BigInteger => ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture),
        _ => null,
    };

    private static StripeInputException NotAValue(string key, object value)
    {
        var what = value switch
        {
            IDictionary => "a hashtable",
            IEnumerable => "a list",
            _ => "an object",
        };
        return new StripeInputException(
            $"The value of metadata key '{key}' is {what}; metadata values must be text, numbers, booleans or dates. To keep structured data, store it as text (for example with ConvertTo-Json -Compress).",
            $"metadata[{key}]");
    }
}
