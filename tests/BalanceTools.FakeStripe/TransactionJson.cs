using System.Text.Json;

namespace BalanceTools.FakeStripe;

/// <summary>Writes customer balance transactions and lists of them in Stripe's wire shape.</summary>
internal static class TransactionJson
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText ObjectName = JsonEncodedText.Encode("object");
    private static readonly JsonEncodedText TransactionObject = JsonEncodedText.Encode("customer_balance_transaction");
    private static readonly JsonEncodedText AmountName = JsonEncodedText.Encode("amount");
    private static readonly JsonEncodedText CheckoutSessionName = JsonEncodedText.Encode("checkout_session");
    private static readonly JsonEncodedText CreatedName = JsonEncodedText.Encode("created");
    private static readonly JsonEncodedText CreditNoteName = JsonEncodedText.Encode("credit_note");
    private static readonly JsonEncodedText CurrencyName = JsonEncodedText.Encode("currency");
    private static readonly JsonEncodedText CustomerName = JsonEncodedText.Encode("customer");
    private static readonly JsonEncodedText CustomerAccountName = JsonEncodedText.Encode("customer_account");
    private static readonly JsonEncodedText DescriptionName = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText EndingBalanceName = JsonEncodedText.Encode("ending_balance");
    private static readonly JsonEncodedText InvoiceName = JsonEncodedText.Encode("invoice");
    private static readonly JsonEncodedText LivemodeName = JsonEncodedText.Encode("livemode");
    private static readonly JsonEncodedText MetadataName = JsonEncodedText.Encode("metadata");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");

    public static ApiResponse RenderObject(TransactionRecord transaction, CustomerSnapshot customer, Expansions expand) =>
        new(200, JsonBody.Render((transaction, customer, expand), static (writer, state) =>
            WriteTransaction(writer, state.transaction, state.customer, state.expand)));

    public static ApiResponse RenderList(TransactionPage page, Expansions expand) =>
        new(200, JsonBody.Render((page, expand), static (writer, state) => WriteList(writer, state.page, state.expand),
            1024 + (page.Items.Count * 512)));

    private static void WriteList(Utf8JsonWriter writer, TransactionPage page, Expansions expand)
    {
        writer.WriteStartObject();
        writer.WriteString(ObjectName, "list");
        writer.WriteString("url", "/v1/customers/" + page.Customer.Id + "/balance_transactions");
        writer.WriteBoolean("has_more", page.HasMore);
        writer.WriteStartArray("data");
        foreach (var transaction in page.Items)
        {
            WriteTransaction(writer, transaction, page.Customer, expand);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteTransaction(Utf8JsonWriter writer, TransactionRecord transaction, CustomerSnapshot customer, Expansions expand)
    {
        writer.WriteStartObject();
        writer.WriteString(IdName, transaction.Id);
        writer.WriteString(ObjectName, TransactionObject);
        writer.WriteNumber(AmountName, transaction.Amount);
        writer.WriteNull(CheckoutSessionName);
        writer.WriteNumber(CreatedName, transaction.Created);
        WriteReference(writer, CreditNoteName, transaction.CreditNote, "credit_note", expand.HasFlag(Expansions.CreditNote));
        writer.WriteString(CurrencyName, transaction.Currency);
        if (expand.HasFlag(Expansions.Customer))
        {
            writer.WritePropertyName(CustomerName);
            CustomerJson.Write(writer, customer);
        }
        else
        {
            writer.WriteString(CustomerName, transaction.CustomerId);
        }

        writer.WriteNull(CustomerAccountName);
        WriteNullableString(writer, DescriptionName, transaction.Description);
        writer.WriteNumber(EndingBalanceName, transaction.EndingBalance);
        WriteReference(writer, InvoiceName, transaction.Invoice, "invoice", expand.HasFlag(Expansions.Invoice));
        writer.WriteBoolean(LivemodeName, false);
        writer.WritePropertyName(MetadataName);
        WriteMetadata(writer, transaction.Metadata);
        writer.WriteString(TypeName, transaction.Type);
        writer.WriteEndObject();
    }

    private static void WriteReference(Utf8JsonWriter writer, JsonEncodedText name, string? id, string objectType, bool expand)
    {
        if (id is null || !expand)
        {
            WriteNullableString(writer, name, id);
            return;
        }

        writer.WriteStartObject(name);
        writer.WriteString(IdName, id);
        writer.WriteString(ObjectName, objectType);
        writer.WriteEndObject();
    }

    private static void WriteMetadata(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> metadata)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in metadata)
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
