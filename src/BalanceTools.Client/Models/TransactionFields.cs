using System.Globalization;
using System.Text;

namespace BalanceTools.Client;

/// <summary>One field of a customer balance transaction: its name on the wire, its property, whether Stripe always sends it, and its text in a CSV row.</summary>
public sealed class TransactionField
{
    private readonly Func<CustomerBalanceTransaction, string?> text;

    internal TransactionField(int index, string jsonName, string property, bool required, Func<CustomerBalanceTransaction, string?> text)
    {
        Index = index;
        JsonName = jsonName;
        Utf8Name = Encoding.UTF8.GetBytes(jsonName);
        Property = property;
        Required = required;
        this.text = text;
    }

    /// <summary>The field's place in <see cref="TransactionFields.All"/>, which is also its CSV column.</summary>
    public int Index { get; }

    /// <summary>The name Stripe gives the field, e.g. <c>ending_balance</c>.</summary>
    public string JsonName { get; }

    /// <summary>The property of <see cref="CustomerBalanceTransaction"/> that holds it, which is also its CSV column header.</summary>
    public string Property { get; }

    /// <summary>
    /// True when Stripe always sends the field with a value: a response without it is an error, never a default,
    /// because a missing amount read as 0 or a missing id read as "" would be a wrong financial record.
    /// </summary>
    public bool Required { get; }

    internal byte[] Utf8Name { get; }

    /// <summary>The field's value as a CSV cell holds it, as <c>Export-Csv</c> writes the module's objects.</summary>
    public string? Text(CustomerBalanceTransaction transaction) => text(transaction);

    /// <inheritdoc />
    public override string ToString() => JsonName;
}

/// <summary>
/// The one list of a customer balance transaction's fields. The JSON reader takes its names and its required fields
/// from here, and every CSV writer (the CLI, an export) takes its columns and cells from here; a test proves that
/// the object's properties, the format view and the fake server agree with it, field by field.
/// </summary>
public static class TransactionFields
{
    private static readonly List<TransactionField> Declared = new();

    /// <summary><c>id</c>: required.</summary>
    public static TransactionField Id { get; } = Declare("id", nameof(CustomerBalanceTransaction.Id), required: true, t => t.Id);

    /// <summary><c>object</c>: required.</summary>
    public static TransactionField Object { get; } = Declare("object", nameof(CustomerBalanceTransaction.Object), required: true, t => t.Object);

    /// <summary><c>amount</c>: required.</summary>
    public static TransactionField Amount { get; } = Declare("amount", nameof(CustomerBalanceTransaction.Amount), required: true, t => Number(t.Amount));

    /// <summary><c>checkout_session</c>: an id, an expanded object or null.</summary>
    public static TransactionField CheckoutSession { get; } = Declare("checkout_session", nameof(CustomerBalanceTransaction.CheckoutSession), required: false, t => t.CheckoutSession);

    /// <summary><c>created</c>: required.</summary>
    public static TransactionField Created { get; } = Declare("created", nameof(CustomerBalanceTransaction.Created), required: true, t => t.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    /// <summary><c>credit_note</c>: an id, an expanded object or null.</summary>
    public static TransactionField CreditNote { get; } = Declare("credit_note", nameof(CustomerBalanceTransaction.CreditNote), required: false, t => t.CreditNote);

    /// <summary><c>currency</c>: required.</summary>
    public static TransactionField Currency { get; } = Declare("currency", nameof(CustomerBalanceTransaction.Currency), required: true, t => t.Currency);

    /// <summary><c>customer</c>: required, an id or an expanded object.</summary>
    public static TransactionField Customer { get; } = Declare("customer", nameof(CustomerBalanceTransaction.Customer), required: true, t => t.Customer);

    /// <summary><c>customer_account</c>: an id or null.</summary>
    public static TransactionField CustomerAccount { get; } = Declare("customer_account", nameof(CustomerBalanceTransaction.CustomerAccount), required: false, t => t.CustomerAccount);

    /// <summary><c>description</c>: text or null.</summary>
    public static TransactionField Description { get; } = Declare("description", nameof(CustomerBalanceTransaction.Description), required: false, t => t.Description);

    /// <summary><c>ending_balance</c>: required; a balance, money like the amount.</summary>
    public static TransactionField EndingBalance { get; } = Declare("ending_balance", nameof(CustomerBalanceTransaction.EndingBalance), required: true, t => Number(t.EndingBalance));

    /// <summary><c>invoice</c>: an id, an expanded object or null.</summary>
    public static TransactionField Invoice { get; } = Declare("invoice", nameof(CustomerBalanceTransaction.Invoice), required: false, t => t.Invoice);

    /// <summary><c>livemode</c>: required; a test-mode row must never pass for a live one.</summary>
    public static TransactionField Livemode { get; } = Declare("livemode", nameof(CustomerBalanceTransaction.Livemode), required: true, t => t.Livemode ? "True" : "False");

    /// <summary><c>metadata</c>: an object of text values; null or absent reads as no keys.</summary>
    public static TransactionField Metadata { get; } = Declare("metadata", nameof(CustomerBalanceTransaction.Metadata), required: false, t => t.Metadata.ToString());

    /// <summary><c>type</c>: required.</summary>
    public static TransactionField Type { get; } = Declare("type", nameof(CustomerBalanceTransaction.Type), required: true, t => t.Type);

    /// <summary>Every field, in the order of the object's properties and of CSV columns.</summary>
    public static IReadOnlyList<TransactionField> All { get; } = Declared.ToArray();

    /// <summary>The fields Stripe always sends.</summary>
    public static IReadOnlyList<TransactionField> Required { get; } = Declared.Where(field => field.Required).ToArray();

    /// <summary>CSV column headers: the property names, as <c>Export-Csv</c> of the module's objects gives them.</summary>
    public static IReadOnlyList<string> Columns { get; } = Declared.Select(field => field.Property).ToArray();

    /// <summary>One CSV row's cells for <paramref name="transaction"/>, in the order of <see cref="Columns"/>.</summary>
    public static IEnumerable<string?> Row(CustomerBalanceTransaction transaction) => All.Select(field => field.Text(transaction));

    private static TransactionField Declare(string jsonName, string property, bool required, Func<CustomerBalanceTransaction, string?> text)
    {
        var field = new TransactionField(Declared.Count, jsonName, property, required, text);
        Declared.Add(field);
        return field;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
