using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// Reads balance transactions straight from UTF-8 with <see cref="Utf8JsonReader"/>: no reflection, no intermediate
/// DOM, unknown fields skipped, expandable fields accepted as an id or as a full object.
/// </summary>
internal static class TransactionJsonReader
{
    public static CustomerBalanceTransaction ReadTransaction(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return ReadTransaction(ref reader, new RepeatedValues());
    }

    public static StripeList<CustomerBalanceTransaction> ReadList(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        Expect(ref reader, JsonTokenType.StartObject);
        var data = new List<CustomerBalanceTransaction>();
        var repeated = new RepeatedValues();
        var hasMore = false;
        string? url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"u8))
            {
                reader.Read();
                Expect(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    data.Add(ReadTransaction(ref reader, repeated));
                }
            }
            else if (reader.ValueTextEquals("has_more"u8))
            {
                hasMore = ReadBoolean(ref reader);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                url = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new StripeList<CustomerBalanceTransaction>(data, hasMore, url);
    }

    private static CustomerBalanceTransaction ReadTransaction(ref Utf8JsonReader reader, RepeatedValues repeated)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        string id = string.Empty, objectType = "customer_balance_transaction", currency = string.Empty, type = string.Empty;
        string? description = null;
        long amount = 0, endingBalance = 0, created = 0;
        var livemode = false;
        var metadata = StripeMetadata.None;
        Reference customer = default, invoice = default, creditNote = default, checkoutSession = default, customerAccount = default;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8)) { id = ReadString(ref reader) ?? string.Empty; }
            else if (reader.ValueTextEquals("object"u8)) { objectType = ReadString(ref reader, ref repeated.Object) ?? objectType; }
            else if (reader.ValueTextEquals("amount"u8)) { amount = ReadInt64(ref reader); }
            else if (reader.ValueTextEquals("created"u8)) { created = ReadInt64(ref reader); }
            else if (reader.ValueTextEquals("currency"u8)) { currency = ReadString(ref reader, ref repeated.Currency) ?? string.Empty; }
            else if (reader.ValueTextEquals("description"u8)) { description = ReadString(ref reader); }
            else if (reader.ValueTextEquals("ending_balance"u8)) { endingBalance = ReadInt64(ref reader); }
            else if (reader.ValueTextEquals("livemode"u8)) { livemode = ReadBoolean(ref reader); }
            else if (reader.ValueTextEquals("metadata"u8)) { metadata = ReadMetadata(ref reader); }
            else if (reader.ValueTextEquals("type"u8)) { type = ReadString(ref reader, ref repeated.Type) ?? string.Empty; }
            else if (reader.ValueTextEquals("customer"u8)) { customer = ReadReference(ref reader, ref repeated.Customer); }
            else if (reader.ValueTextEquals("invoice"u8)) { invoice = ReadReference(ref reader); }
            else if (reader.ValueTextEquals("credit_note"u8)) { creditNote = ReadReference(ref reader); }
            else if (reader.ValueTextEquals("checkout_session"u8)) { checkoutSession = ReadReference(ref reader); }
            else if (reader.ValueTextEquals("customer_account"u8)) { customerAccount = ReadReference(ref reader); }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        Expect(ref reader, JsonTokenType.EndObject);
        return new CustomerBalanceTransaction
        {
            Id = id,
            Object = objectType,
            Amount = amount,
            CheckoutSession = checkoutSession.Id,
            Created = DateTimeOffset.FromUnixTimeSeconds(created),
            CreditNote = creditNote.Id,
            Currency = currency,
            Customer = customer.Id ?? string.Empty,
            CustomerAccount = customerAccount.Id,
            Description = description,
            EndingBalance = endingBalance,
            Invoice = invoice.Id,
            Livemode = livemode,
            Metadata = metadata,
            Type = type,
            ExpandedCustomer = customer.Expanded,
            ExpandedInvoice = invoice.Expanded,
            ExpandedCreditNote = creditNote.Expanded,
            ExpandedCheckoutSession = checkoutSession.Expanded,
        };
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException($"Expected a string but found {reader.TokenType}."),
        };
    }

    /// <summary>Reads a string, reusing the previous object's instance when the text is the same.</summary>
    private static string? ReadString(ref Utf8JsonReader reader, ref string? previous)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && previous is not null && reader.ValueTextEquals(previous))
        {
            return previous;
        }

        var text = reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            _ => throw new JsonException($"Expected a string but found {reader.TokenType}."),
        };
        previous = text ?? previous;
        return text;
    }

    private static long ReadInt64(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return 0;
        }

        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            throw new JsonException($"Expected a whole number but found {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }

        return value;
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False or JsonTokenType.Null => false,
            _ => throw new JsonException($"Expected true or false but found {reader.TokenType} at byte {reader.TokenStartIndex}."),
        };
    }

    private static StripeMetadata ReadMetadata(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return StripeMetadata.None;
        }

        Expect(ref reader, JsonTokenType.StartObject);
        Dictionary<string, string>? metadata = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            metadata ??= new Dictionary<string, string>(StringComparer.Ordinal);
            metadata[key] = reader.TokenType == JsonTokenType.String ? reader.GetString()! : ReadRawText(ref reader);
        }

        return metadata is null ? StripeMetadata.None : new StripeMetadata(metadata);
    }

    private static string ReadRawText(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }

    private static Reference ReadReference(ref Utf8JsonReader reader)
    {
        string? unrelated = null;
        return ReadReference(ref reader, ref unrelated);
    }

    private static Reference ReadReference(ref Utf8JsonReader reader, ref string? previousId)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return default;
            case JsonTokenType.String:
                previousId = previousId is not null && reader.ValueTextEquals(previousId) ? previousId : reader.GetString();
                return new Reference(previousId, null);
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    var fields = (IReadOnlyDictionary<string, object?>)JsonValues.ToPlainValue(document.RootElement)!;
                    var id = fields.TryGetValue("id", out var idValue) ? idValue as string : null;
                    var objectType = fields.TryGetValue("object", out var typeValue) ? typeValue as string : null;
                    return new Reference(id, new ExpandedObject(id ?? string.Empty, objectType, fields));
                }

            default:
                throw new JsonException($"Expected an id or an object but found {reader.TokenType}.");
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {type} but found {reader.TokenType} at byte {reader.TokenStartIndex}.");
        }
    }

    private readonly record struct Reference(string? Id, ExpandedObject? Expanded);

    /// <summary>
    /// Values that repeat from one object of a page to the next (the customer, currency, type): read once and
    /// shared, which saves an allocation per field per object when streaming large lists.
    /// </summary>
    private sealed class RepeatedValues
    {
        public string? Object;
        public string? Currency;
        public string? Customer;
        public string? Type;
    }
}
