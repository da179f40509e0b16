using System.Runtime.CompilerServices;
using BalanceTools.Client;

namespace BalanceTools.Cli;

/// <summary>The transactions of a whole-account export, with each customer that failed reported on the error stream.</summary>
public static class WholeAccount
{
    public static async IAsyncEnumerable<CustomerBalanceTransaction> TransactionsAsync(BalanceExport export, TextWriter errors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var next in export.ExportAllCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!next.IsEnd)
            {
                yield return next.Item;
            }
            else if (ExportFailures.IsDeletedCustomer(next.Failure))
            {
                await errors.WriteLineAsync($"{next.Customer} no longer exists (deleted); skipped.").ConfigureAwait(false);
            }
            else if (next.Failure is StripeException failure)
            {
                await errors.WriteLineAsync($"{next.Customer}: {failure.Message}").ConfigureAwait(false);
            }
            else if (next.Failure is { } unexpected)
            {
                throw unexpected;
            }
        }
    }
}
