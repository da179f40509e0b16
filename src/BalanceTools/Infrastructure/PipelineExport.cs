using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// <c>Get-CustomerBalanceTransaction -All</c> and <c>-AllCustomers</c>: the engine's events written into the pipeline
/// from the pipeline thread, each transaction acknowledged once <c>WriteObject</c> returned, with progress across
/// customers and a report of each customer that failed or no longer exists.
/// </summary>
internal sealed class PipelineExport : IAsyncDisposable
{
    private readonly StripeCmdlet cmdlet;
    private readonly BalanceExport export;
    private readonly ExportProgress progress;
    private readonly bool allCustomers;
    private readonly string? checkpointPath;

    private PipelineExport(StripeCmdlet cmdlet, BalanceExport export, bool allCustomers, string? checkpointPath)
    {
        this.cmdlet = cmdlet;
        this.export = export;
        this.allCustomers = allCustomers;
        this.checkpointPath = checkpointPath;
        progress = new ExportProgress(cmdlet, export, allCustomers);
    }

    /// <summary>Starts an export; a checkpoint that cannot serve it (in use, unreadable, another export's) stops the command.</summary>
    public static PipelineExport Start(StripeCmdlet cmdlet, bool allCustomers, BalanceExportOptions options)
    {
        var client = cmdlet.Client;
        try
        {
            var export = allCustomers ? BalanceExport.ForAllCustomers(client, options, cmdlet.Cancellation) : BalanceExport.ForCustomers(client, options, cmdlet.Cancellation);
            return new PipelineExport(cmdlet, export, allCustomers, options.CheckpointPath);
        }
        catch (StripeInputException unusable)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters(unusable.Message, "CheckpointPath"));
            throw;
        }
    }

    /// <summary>
    /// Adds a piped customer, then hands events on until there is room for the next, so at most -ThrottleLimit
    /// customers are in flight and the rest wait upstream in the pipeline.
    /// </summary>
    public void Add(string customer)
    {
        bool added;
        try
        {
            added = export.Add(customer);
        }
        catch (StripeInputException mismatch)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters(mismatch.Message, "CheckpointPath"));
            return;
        }

        if (!added)
        {
            cmdlet.WriteVerbose($"Customer {customer} was exported by an earlier run (checkpoint {checkpointPath}); skipped.");
        }

        while (cmdlet.Await(export.NextAsync(wait: !export.HasRoom, cmdlet.Cancellation)) is { } next)
        {
            HandOn(next);
        }
    }

    /// <summary>Hands on the rest of the piped customers and records the export as finished.</summary>
    public void Finish()
    {
        while (cmdlet.Await(export.NextAsync(wait: true, cmdlet.Cancellation)) is { } next)
        {
            HandOn(next);
        }

        export.Complete();
        progress.Completed();
    }

    /// <summary>Every customer of the account, unless the checkpoint says an earlier run exported them all.</summary>
    public void ExportAllCustomers()
    {
        if (export.AlreadyFinished)
        {
            cmdlet.WriteWarning($"The checkpoint {checkpointPath} says an earlier run exported every customer; nothing to do. Give a new checkpoint file for a new export.");
            return;
        }

        var events = export.ExportAllCustomersAsync(cmdlet.Cancellation).GetAsyncEnumerator(cmdlet.Cancellation);
        try
        {
            while (cmdlet.Await(events.MoveNextAsync()))
            {
                HandOn(events.Current);
            }
        }
        catch (StripeException listingFailure)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.FromAccountListing(listingFailure, checkpointPath is null ? null : "-CheckpointPath"));
        }
        finally
        {
            events.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        progress.Completed();
    }

    /// <summary>Saves the checkpoint and stops every listing; a failed save still releases everything.</summary>
    public ValueTask DisposeAsync() => export.DisposeAsync();

    private void HandOn(FanOutEvent<CustomerBalanceTransaction> next)
    {
        if (!next.IsEnd)
        {
            try
            {
                cmdlet.Emit(next.Item);
            }
            catch (PipelineStoppedException) when (!cmdlet.Stopping)
            {
                // Stopping is set before a Ctrl+C, Stop() or Stop-Job reaches any command, so a stop without it came
                // from downstream, from a command that took this object and wants no more (Select-Object -First): it
                // was handed on.
                export.Acknowledge();
                throw;
            }

            if (cmdlet.Stopping)
            {
                // A stopping pipeline drops an object without telling the command that wrote it, or stops once the
                // next command took it: it is not counted, so a resumed run gives it again (at most this one row may
                // then be there twice; none is ever lost).
                throw new PipelineStoppedException();
            }

            export.Acknowledge();
            progress.TransactionHandedOn(next.Customer);
            return;
        }

        if (next.Failure is not OperationCanceledException || !cmdlet.Cancellation.IsCancellationRequested)
        {
            export.Acknowledge();
        }

        progress.CustomerFinished(next.Customer);
        CustomerEnds.Report(cmdlet, next, deletedIsWarning: allCustomers, resumeWith: checkpointPath is null ? null : "-CheckpointPath");
    }
}
