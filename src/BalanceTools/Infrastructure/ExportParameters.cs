using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>The checks that the exporting cmdlets (Get -All/-AllCustomers, Export-) make of their parameters before any request.</summary>
internal static class ExportParameters
{
    /// <summary>Refuses customers given twice over (-AllCustomers and piped or named ones) or not at all.</summary>
    public static void CheckCustomerSource(PSCmdlet cmdlet, bool allCustomers, bool customerBound, string pipeWithout)
    {
        if (allCustomers && (cmdlet.MyInvocation.ExpectingInput || customerBound))
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters($"-AllCustomers lists every customer of the account itself: give it without -Customer and without piping customers in (pipe customers {pipeWithout} to export only those).", "AllCustomers"));
        }

        if (!allCustomers && !cmdlet.MyInvocation.ExpectingInput && !customerBound)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters("Say whose transactions to get: give -Customer cus_…, pipe customers in (ids, or objects with a Customer or CustomerId property, such as Import-Csv rows), or use -AllCustomers for every customer of the account.", "Customer"));
        }
    }

    /// <summary>
    /// The file-system path of Get's -CheckpointPath, or a refusal: it needs -All or -AllCustomers, cannot page
    /// backwards, and must name a file in an existing folder.
    /// </summary>
    public static string ResolveCheckpointPath(PSCmdlet cmdlet, string checkpointPath, bool exportsMany, string? endingBefore)
    {
        if (!exportsMany)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters($"-CheckpointPath records where an export of many transactions stands, so it needs -All or -AllCustomers (got -CheckpointPath {checkpointPath} alone).", "CheckpointPath"));
        }

        if (endingBefore is not null)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters($"-CheckpointPath resumes exports that page from newest to oldest, so it cannot be combined with -EndingBefore {endingBefore}.", "CheckpointPath"));
        }

        return ResolveFile(cmdlet, checkpointPath, "CheckpointPath", "export-checkpoint.json");
    }

    /// <summary>The file-system path of a file parameter, refused in plain words when its folder is missing, it is a folder, or it is read-only.</summary>
    public static string ResolveFile(PSCmdlet cmdlet, string path, string parameter, string exampleName)
    {
        try
        {
            return ExportPaths.Check(cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), "-" + parameter, exampleName);
        }
        catch (StripeInputException unusable)
        {
            cmdlet.ThrowTerminatingError(ErrorRecords.InvalidParameters(unusable.Message, parameter));
            throw;
        }
    }
}
