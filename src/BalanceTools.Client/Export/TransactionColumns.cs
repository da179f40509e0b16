using System.Globalization;

namespace BalanceTools.Client;

/// <summary>
/// The columns of an exported transaction, declared once: the public properties of
/// <see cref="CustomerBalanceTransaction"/> in their order, which is the header <c>Export-Csv</c> writes for the
/// module's output objects.
/// </summary>
public static class TransactionColumns
{
    /// <summary>The column names, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = new[]
    {
        nameof(CustomerBalanceTransaction.Id), nameof(CustomerBalanceTransaction.Object), nameof(CustomerBalanceTransaction.Amount),
        nameof(CustomerBalanceTransaction.CheckoutSession), nameof(CustomerBalanceTransaction.Created), nameof(CustomerBalanceTransaction.CreditNote),
        nameof(CustomerBalanceTransaction.Currency), nameof(CustomerBalanceTransaction.Customer), nameof(CustomerBalanceTransaction.CustomerAccount),
        nameof(CustomerBalanceTransaction.Description), nameof(CustomerBalanceTransaction.EndingBalance), nameof(CustomerBalanceTransaction.Invoice),
        nameof(CustomerBalanceTransaction.Livemode), nameof(CustomerBalanceTransaction.Metadata), nameof(CustomerBalanceTransaction.Type),
        nameof(CustomerBalanceTransaction.ExpandedCustomer), nameof(CustomerBalanceTransaction.ExpandedInvoice),
        nameof(CustomerBalanceTransaction.ExpandedCreditNote), nameof(CustomerBalanceTransaction.ExpandedCheckoutSession),
    };

    /// <summary>The values of <paramref name="transaction"/>, one per column of <see cref="Names"/>, as their .NET types.</summary>
    public static object?[] Values(CustomerBalanceTransaction transaction)
    {
        if (transaction is null)
        {
            throw new ArgumentNullException(nameof(transaction));
        }

        return new object?[]
        {
            transaction.Id, transaction.Object, transaction.Amount, transaction.CheckoutSession, transaction.Created, transaction.CreditNote,
            transaction.Currency, transaction.Customer, transaction.CustomerAccount, transaction.Description, transaction.EndingBalance,
            transaction.Invoice, transaction.Livemode, transaction.Metadata, transaction.Type, transaction.ExpandedCustomer,
            transaction.ExpandedInvoice, transaction.ExpandedCreditNote, transaction.ExpandedCheckoutSession,
        };
    }

    /// <summary>
    /// A value as CSV text: as <c>Export-Csv</c> writes it (numbers invariant, <c>True</c>/<c>False</c>, metadata as
    /// compact JSON, an expanded object as its id), except that a date is ISO 8601 UTC so it reads the same in every culture.
    /// </summary>
    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        DateTimeOffset date => date.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z",
        bool flag => flag ? "True" : "False",
        long number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
