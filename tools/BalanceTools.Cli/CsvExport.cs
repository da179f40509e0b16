using System.Globalization;
using BalanceTools.Client;

namespace BalanceTools.Cli;

/// <summary>Writes transactions as CSV with the columns Export-Csv gives for the module's output objects.</summary>
public static class CsvExport
{
    public static readonly string[] Columns =
    {
        "Id", "Object", "Amount", "CheckoutSession", "Created", "CreditNote", "Currency", "Customer", "CustomerAccount",
        "Description", "EndingBalance", "Invoice", "Livemode", "Metadata", "Type",
    };

    public static async Task<int> WriteAsync(IAsyncEnumerable<CustomerBalanceTransaction> transactions, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(string.Join(",", Columns.Select(Quote)));
        var count = 0;
        await foreach (var transaction in transactions.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(",", Row(transaction).Select(Quote)));
            count++;
        }

        return count;
    }

    public static IEnumerable<string?> Row(CustomerBalanceTransaction t) => new[]
    {
        t.Id, t.Object, Number(t.Amount), t.CheckoutSession, t.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        t.CreditNote, t.Currency, t.Customer, t.CustomerAccount, t.Description, Number(t.EndingBalance), t.Invoice,
        t.Livemode ? "True" : "False", t.Metadata.ToString(), t.Type,
    };

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string? value) => "\"" + (value ?? string.Empty).Replace("\"", "\"\"") + "\"";
}
