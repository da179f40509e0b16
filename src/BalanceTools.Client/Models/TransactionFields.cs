using System.Globalization;
using System.Text;

namespace BalanceTools.Client;

/// <summary>One field of a customer balance transaction: its name on the wire, its property, whether Stripe always sends it, and its value and text in an export's row.</summary>
public sealed class TransactionField
{
    private readonly Func<CustomerBalanceTransaction, object?> value;

    internal TransactionField(int index, string jsonName, string property, bool required, Func<CustomerBalanceTransaction, object?> value)
    {
        Index = index;
        JsonName = jsonName;
        Utf8Name = Encoding.UTF8.GetBytes(jsonName);
        Property = property;
        Required = required;
        this.value = value;
    }

    /// <summary>The field's column in <see cref="TransactionFields.ColumnFields"/> (and so its place in <see cref="TransactionFields.All"/> for a field read from the wire).</summary>
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

    /// <summary>The field's value in <paramref name="transaction"/>, as its .NET type (what a JSON Lines export writes).</summary>
    public object? Value(CustomerBalanceTransaction transaction) => value(transaction);

    /// <summary>The field's value as a CSV cell holds it (see <see cref="TransactionFields.Cell"/>); null when it has none.</summary>
    public string? Text(CustomerBalanceTransaction transaction) => TransactionFields.Cell(value(transaction));

    /// <inheritdoc />
    public override string ToString() => JsonName;
}

/// <summary>
/// The one list of a customer balance transaction's fields. The JSON reader takes its names and its required fields
/// from here, and every export (Export-CustomerBalanceTransaction, the CLI's --out, CSV and JSON Lines) takes its
/// columns, values and cells from here; a test proves that the object's properties, the format view and the fake
/// server agree with it, field by field.
/// </summary>
public static class TransactionFields
{
    private static readonly List<TransactionField> Declared = new();
    private static readonly List<TransactionField> Expansions = new();

    /// <summary><c>id</c>: required.</summary>
    public static TransactionField Id { get; } = Declare("id", nameof(CustomerBalanceTransaction.Id), required: true, t => t.Id);

    /// <summary><c>object</c>: required.</summary>
    public static TransactionField Object { get; } = Declare("object", nameof(CustomerBalanceTransaction.Object), required: true, t => t.Object);

    /// <summary><c>amount</c>: required.</summary>
    public static TransactionField Amount { get; } = Declare("amount", nameof(CustomerBalanceTransaction.Amount), required: true, t => t.Amount);

    /// <summary><c>checkout_session</c>: an id, an expanded object or null.</summary>
    public static TransactionField CheckoutSession { get; } = Declare("checkout_session", nameof(CustomerBalanceTransaction.CheckoutSession), required: false, t => t.CheckoutSession);

    /// <summary><c>created</c>: required.</summary>
    public static TransactionField Created { get; } = Declare("created", nameof(CustomerBalanceTransaction.Created), required: true, t => t.Created);

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
    public static TransactionField EndingBalance { get; } = Declare("ending_balance", nameof(CustomerBalanceTransaction.EndingBalance), required: true, t => t.EndingBalance);

    /// <summary><c>invoice</c>: an id, an expanded object or null.</summary>
    public static TransactionField Invoice { get; } = Declare("invoice", nameof(CustomerBalanceTransaction.Invoice), required: false, t => t.Invoice);

    /// <summary><c>livemode</c>: required; a test-mode row must never pass for a live one.</summary>
    public static TransactionField Livemode { get; } = Declare("livemode", nameof(CustomerBalanceTransaction.Livemode), required: true, t => t.Livemode);

    /// <summary><c>metadata</c>: an object of text values; null or absent reads as no keys.</summary>
    public static TransactionField Metadata { get; } = Declare("metadata", nameof(CustomerBalanceTransaction.Metadata), required: false, t => t.Metadata);

    /// <summary><c>type</c>: required.</summary>
    public static TransactionField Type { get; } = Declare("type", nameof(CustomerBalanceTransaction.Type), required: true, t => t.Type);

    /// <summary>The expanded customer, when <c>-Expand customer</c> asked for it: a column of its own (its id), as <c>Export-Csv</c> gives it.</summary>
    public static TransactionField ExpandedCustomer { get; } = DeclareExpansion("customer", nameof(CustomerBalanceTransaction.ExpandedCustomer), t => t.ExpandedCustomer);

    /// <summary>The expanded invoice, when asked for.</summary>
    public static TransactionField ExpandedInvoice { get; } = DeclareExpansion("invoice", nameof(CustomerBalanceTransaction.ExpandedInvoice), t => t.ExpandedInvoice);

    /// <summary>The expanded credit note, when asked for.</summary>
    public static TransactionField ExpandedCreditNote { get; } = DeclareExpansion("credit_note", nameof(CustomerBalanceTransaction.ExpandedCreditNote), t => t.ExpandedCreditNote);

    /// <summary>The expanded Checkout Session, when asked for.</summary>
    public static TransactionField ExpandedCheckoutSession { get; } = DeclareExpansion("checkout_session", nameof(CustomerBalanceTransaction.ExpandedCheckoutSession), t => t.ExpandedCheckoutSession);

    /// <summary>Every field read from the wire, in the order of the object's properties.</summary>
    public static IReadOnlyList<TransactionField> All { get; } = Declared.ToArray();

    /// <summary>The fields Stripe always sends.</summary>
    public static IReadOnlyList<TransactionField> Required { get; } = Declared.Where(field => field.Required).ToArray();

    /// <summary>An export's columns: every field, then the expanded objects, which is every property of the object in order, as <c>Export-Csv</c> of the module's objects has them.</summary>
    public static IReadOnlyList<TransactionField> ColumnFields { get; } = Declared.Concat(Expansions).ToArray();

    /// <summary>CSV column headers: the property names, as <c>Export-Csv</c> of the module's objects gives them.</summary>
    public static IReadOnlyList<string> Columns { get; } = ColumnFields.Select(field => field.Property).ToArray();

    /// <summary>One CSV row's cells for <paramref name="transaction"/>, in the order of <see cref="Columns"/>.</summary>
    public static IEnumerable<string?> Row(CustomerBalanceTransaction transaction) => ColumnFields.Select(field => field.Text(transaction));

    /// <summary>
    /// A value as a CSV cell: as <c>Export-Csv</c> writes it (numbers invariant, <c>True</c>/<c>False</c>, metadata as
    /// compact JSON, an expanded object as its id), except that a date is ISO 8601 UTC so that the file reads the same in
    /// every culture; null for no value.
    /// </summary>
    public static string? Cell(object? value) => value switch
    {
        null => null,
        DateTimeOffset date => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "True" : "False",
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static TransactionField Declare(string jsonName, string property, bool required, Func<CustomerBalanceTransaction, object?> value)
    {
        var field = new TransactionField(Declared.Count, jsonName, property, required, value);
        Declared.Add(field);
        return field;
    }

    // Declared after every wire field, so their columns follow them as the properties do.
    private static TransactionField DeclareExpansion(string jsonName, string property, Func<CustomerBalanceTransaction, object?> value)
    {
        var field = new TransactionField(Declared.Count + Expansions.Count, jsonName, property, required: false, value);
        Expansions.Add(field);
        return field;
    }
}
