using System.Collections.ObjectModel;
using System.Text;
using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// A transaction's metadata: read-only, usable as a dictionary (also with PowerShell's <c>$t.Metadata.order_id</c>),
/// and printed as compact JSON so that <c>Export-Csv</c> writes the pairs rather than a type name.
/// </summary>
public sealed class StripeMetadata : ReadOnlyDictionary<string, string>
{
    internal StripeMetadata(IDictionary<string, string> pairs)
        : base(pairs)
    {
    }

    /// <summary>Metadata with no keys.</summary>
    public static StripeMetadata None { get; } = new(new Dictionary<string, string>());

    /// <summary>The pairs as a JSON object, e.g. <c>{"order_id":"6735"}</c>; empty text when there are none.</summary>
    public override string ToString()
    {
        if (Count == 0)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var pair in this)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
