using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// What a cmdlet says when a customer of an export ends: nothing when it was completed, a warning when it no longer
/// exists (deleted; its transactions are gone at Stripe too) where the customers came from the account, an error
/// record naming it when its listing failed (the rest go on), a stop when the user stopped the command.
/// </summary>
internal static class CustomerEnds
{
    public static void Report(StripeCmdlet cmdlet, FanOutEvent<CustomerBalanceTransaction> end, bool deletedIsWarning, string? resumeWith)
    {
        switch (end.Failure)
        {
            case null:
                return;
            case OperationCanceledException when cmdlet.Cancellation.IsCancellationRequested:
                throw new PipelineStoppedException();
            case StripeException deleted when deletedIsWarning && ExportFailures.IsDeletedCustomer(deleted):
                cmdlet.FlushRequestEvents();
                cmdlet.WriteWarning($"Customer {end.Customer} no longer exists (it was deleted), so its transactions are gone at Stripe too; skipped.");
                return;
            case StripeException failure:
                cmdlet.FlushRequestEvents();
                cmdlet.WriteError(resumeWith is null ? ErrorRecords.From(failure, end.Customer) : ErrorRecords.FromCheckpointedCustomer(failure, end.Customer, resumeWith));
                return;
            case ArgumentException invalid:
                cmdlet.WriteError(ErrorRecords.InvalidArgument(invalid, end.Customer));
                return;
            default:
                throw end.Failure;
        }
    }
}
