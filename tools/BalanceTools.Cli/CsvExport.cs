using BalanceTools.Client;

namespace BalanceTools.Cli;

/// <summary>Writes transactions as CSV with the columns and cells of <see cref="TransactionFields"/>, as Export-Csv gives them for the module's output objects.</summary>
public static class CsvExport
{
    public static async Task<int> WriteAsync(IAsyncEnumerable<CustomerBalanceTransaction> transactions, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(string.Join(",", TransactionFields.Columns.Select(Quote)));
        var count = 0;
        await foreach (var transaction in transactions.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(",", TransactionFields.Row(transaction).Select(Quote)));
            count++;
        }

        return count;
    }

    private static string Quote(string? value) => "\"" + (value ?? string.Empty).Replace("\"", "\"\"") + "\"";
}
