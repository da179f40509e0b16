using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// Reads balance transactions straight from UTF-8 with <see cref="Utf8JsonReader"/>: no reflection, no intermediate
/// DOM, unknown fields skipped, expandable fields accepted as an id or as a full object. The field names and which of
/// them are required come from <see cref="TransactionFields"/>; a required field that is missing, null or of the
/// wrong JSON type is a <see cref="ResponseShapeException"/> naming the field and the object, never a default.
/// </summary>
internal static class TransactionJsonReader
{
    private const string Single = "the balance transaction";

    public static CustomerBalanceTransaction ReadTransaction(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        return ReadTransaction(ref reader, new RepeatedValues(), Single);
    }

    public static StripeList<CustomerBalanceTransaction> ReadList(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseShapeException.NotAnObject(ListShape.Where, reader.TokenType);
        }

        var data = new List<CustomerBalanceTransaction>();
        var repeated = new RepeatedValues();
        bool? hasMore = null;
        var sawData = false;
        string? url = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals(ListShape.Data))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    throw ResponseShapeException.WrongType(ListShape.DataName, ListShape.Where, reader.TokenType, "a list");
                }

                sawData = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    data.Add(ReadTransaction(ref reader, repeated, $"{Single} at data[{data.Count}]"));
                }
            }
            else if (reader.ValueTextEquals(ListShape.HasMore))
            {
                hasMore = ReadFlag(ref reader, ListShape.HasMoreName, ListShape.Where);
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                url = ReadText(ref reader, "url", ListShape.Where, required: false);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        ListShape.RequireEnvelope(sawData, hasMore);
        return new StripeList<CustomerBalanceTransaction>(data, hasMore!.Value, url);
    }

    private static CustomerBalanceTransaction ReadTransaction(ref Utf8JsonReader reader, RepeatedValues repeated, string where)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseShapeException.NotAnObject(where, reader.TokenType);
        }

        string id = string.Empty, objectType = string.Empty, currency = string.Empty, type = string.Empty;
        string? description = null;
        long amount = 0, endingBalance = 0, created = 0;
        var livemode = false;
        var metadata = StripeMetadata.None;
        Reference customer = default, invoice = default, creditNote = default, checkoutSession = default, customerAccount = default;
        var seen = 0UL;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Match(ref reader);
            if (field is null)
            {
                reader.Read();
                reader.Skip();
                continue;
            }

            seen |= 1UL << field.Index;
            if (field == TransactionFields.Id) { id = ReadText(ref reader, field, where)!; }
            else if (field == TransactionFields.Object) { objectType = ReadText(ref reader, field, where, ref repeated.Object)!; }
            else if (field == TransactionFields.Amount) { amount = ReadWhole(ref reader, field, where); }
            else if (field == TransactionFields.Created) { created = ReadWhole(ref reader, field, where); }
            else if (field == TransactionFields.Currency) { currency = ReadText(ref reader, field, where, ref repeated.Currency)!; }
            else if (field == TransactionFields.Description) { description = ReadText(ref reader, field, where); }
            else if (field == TransactionFields.EndingBalance) { endingBalance = ReadWhole(ref reader, field, where); }
            else if (field == TransactionFields.Livemode) { livemode = ReadFlag(ref reader, field.JsonName, where); }
            else if (field == TransactionFields.Metadata) { metadata = ReadMetadata(ref reader, field, where); }
            else if (field == TransactionFields.Type) { type = ReadText(ref reader, field, where, ref repeated.Type)!; }
            else if (field == TransactionFields.Customer) { customer = ReadReference(ref reader, field, where, ref repeated.Customer); }
            else if (field == TransactionFields.Invoice) { invoice = ReadReference(ref reader, field, where); }
            else if (field == TransactionFields.CreditNote) { creditNote = ReadReference(ref reader, field, where); }
            else if (field == TransactionFields.CheckoutSession) { checkoutSession = ReadReference(ref reader, field, where); }
            else { customerAccount = ReadReference(ref reader, field, where); }
        }

        foreach (var required in TransactionFields.Required)
        {
            if ((seen & (1UL << required.Index)) == 0)
            {
                throw ResponseShapeException.Missing(required.JsonName, where);
            }
        }

        return new CustomerBalanceTransaction
        {
            Id = id,
            Object = objectType,
            Amount = amount,
            CheckoutSession = checkoutSession.Id,
            Created = DateTimeOffset.FromUnixTimeSeconds(created),
            CreditNote = creditNote.Id,
            Currency = currency,
            Customer = customer.Id!,
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

    private static TransactionField? Match(ref Utf8JsonReader reader)
    {
        foreach (var field in TransactionFields.All)
        {
            if (reader.ValueTextEquals(field.Utf8Name))
            {
                return field;
            }
        }

        return null;
    }

    private static string? ReadText(ref Utf8JsonReader reader, TransactionField field, string where) =>
        ReadText(ref reader, field.JsonName, where, field.Required);

    private static string? ReadText(ref Utf8JsonReader reader, string name, string where, bool required)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null when !required => null,
            var token => throw ResponseShapeException.WrongType(name, where, token, "text"),
        };
    }

    /// <summary>Reads text, reusing the previous object's instance when the text is the same.</summary>
    private static string? ReadText(ref Utf8JsonReader reader, TransactionField field, string where, ref string? previous)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String && previous is not null && reader.ValueTextEquals(previous))
        {
            return previous;
        }

        var text = reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null when !field.Required => null,
            var token => throw ResponseShapeException.WrongType(field.JsonName, where, token, "text"),
        };
        previous = text ?? previous;
        return text;
    }

    private static long ReadWhole(ref Utf8JsonReader reader, TransactionField field, string where)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            throw ResponseShapeException.WrongType(field.JsonName, where, reader.TokenType, "a whole number");
        }

        return value;
    }

    private static bool ReadFlag(ref Utf8JsonReader reader, string name, string where)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            var token => throw ResponseShapeException.WrongType(name, where, token, "true or false"),
        };
    }

    private static StripeMetadata ReadMetadata(ref Utf8JsonReader reader, TransactionField field, string where)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return StripeMetadata.None;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw ResponseShapeException.WrongType(field.JsonName, where, reader.TokenType, "an object");
        }

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

    private static Reference ReadReference(ref Utf8JsonReader reader, TransactionField field, string where)
    {
        string? unrelated = null;
        return ReadReference(ref reader, field, where, ref unrelated);
    }

    private static Reference ReadReference(ref Utf8JsonReader reader, TransactionField field, string where, ref string? previousId)
    {
        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.Null when !field.Required:
                return default;
            case JsonTokenType.String:
                previousId = previousId is not null && reader.ValueTextEquals(previousId) ? previousId : reader.GetString();
                return new Reference(previousId, null);
            case JsonTokenType.StartObject:
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    var fields = (IReadOnlyDictionary<string, object?>)JsonValues.ToPlainValue(document.RootElement)!;
                    if (!fields.TryGetValue("id", out var idValue) || idValue is not string id)
                    {
                        throw ResponseShapeException.Missing(field.JsonName + ".id", where);
                    }

                    var objectType = fields.TryGetValue("object", out var typeValue) ? typeValue as string : null;
                    return new Reference(id, new ExpandedObject(id, objectType, fields));
                }

            default:
                throw ResponseShapeException.WrongType(field.JsonName, where, reader.TokenType, field.Required ? "an id or an object" : "an id, an object or null");
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
