using BalanceTools.Client;

namespace BalanceTools.Cli;

/// <summary>Transactions written to standard output, in the same format as a file export's rows.</summary>
public static class StandardOutput
{
    public static async Task<long> WriteAsync(IAsyncEnumerable<CustomerBalanceTransaction> transactions, ExportFormat format, Stream output, CancellationToken cancellationToken)
    {
        var rows = RowFormat.For(format);
        using var line = new MemoryStream();
        await output.WriteAsync(rows.Header, cancellationToken);
        long count = 0;
        await foreach (var transaction in transactions.WithCancellation(cancellationToken))
        {
            line.SetLength(0);
            rows.Append(transaction, line);
            await output.WriteAsync(line.GetBuffer().AsMemory(0, (int)line.Length), cancellationToken);
            count++;
        }

        await output.FlushAsync(cancellationToken);
        return count;
    }
}
