using System.Collections;
using System.Globalization;

namespace BalanceTools.Client;

/// <summary>Turns a loosely typed dictionary (a PowerShell hashtable, say) into metadata pairs, formatting values invariantly.</summary>
public static class MetadataInput
{
    /// <summary>
    /// Keys and values become text (numbers and dates in the invariant culture, so a script sends the same text on
    /// every machine); a null value stays null, which means "remove this key" on update.
    /// </summary>
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
                throw new ArgumentException("Metadata keys cannot be null.", "metadata");
            }

            result[key] = Text(unwrap is null ? entry.Value : unwrap(entry.Value));
        }

        return result;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        bool flag => flag ? "true" : "false",
        DateTime dateTime => StripeTimestamp.From(dateTime).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
