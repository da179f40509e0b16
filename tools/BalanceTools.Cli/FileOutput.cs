using BalanceTools.Client;

namespace BalanceTools.Cli;

/// <summary>
/// <c>--out</c>: the export straight into a file with its checkpoint beside it, as Export-CustomerBalanceTransaction
/// writes it, so a stopped run continues the same file when run again.
/// </summary>
public static class FileOutput
{
    public static async Task<ExportSummary> WriteAsync(CustomerBalanceTransactionClient client, CommandLine command, string? customer, Func<long> requests, CancellationToken cancellationToken)
    {
        var options = new FileExportOptions
        {
            Path = command.OutPath!,
            Format = command.Format,
            AllCustomers = customer is null,
            Force = command.Force,
            CommitInterval = command.CommitInterval,
            ThrottleLimit = command.ThrottleLimit,
            Trace = command.Verbose ? Console.Error.WriteLine : null,
            OptionNames = ("--force", "--out"),
        };
        await using var export = TransactionFileExport.Open(client, options, cancellationToken);
        if (export.AlreadyFinished)
        {
            Console.Error.WriteLine($"The export into {export.Path} was finished by an earlier run; nothing to do. Give --force to start it over.");
            return export.Summary(requests());
        }

        var events = customer is null ? export.WriteAllCustomersAsync(cancellationToken) : WriteOneAsync(export, customer, cancellationToken);
        await foreach (var next in events)
        {
            if (next.IsEnd && next.Failure is { } failure)
            {
                Console.Error.WriteLine(ExportFailures.IsDeletedCustomer(failure) ? $"{next.Customer} no longer exists (deleted); skipped." : $"{next.Customer}: {failure.Message}");
            }
        }

        if (customer is not null)
        {
            export.Complete();
        }

        return export.Summary(requests());
    }

    private static async IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> WriteOneAsync(TransactionFileExport export, string customer, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        export.Add(customer);
        await foreach (var next in export.WriteAddedAsync(wait: true, cancellationToken))
        {
            yield return next;
        }
    }
}
