namespace BalanceTools.Client;

/// <summary>What a run of <c>Export-CustomerBalanceTransaction</c> did (its <c>-PassThru</c> output).</summary>
public sealed class ExportSummary
{
    /// <summary>The file written.</summary>
    public string Path { get; init; } = string.Empty;

    /// <summary>The checkpoint kept beside it.</summary>
    public string CheckpointPath { get; init; } = string.Empty;

    /// <summary>Rows written by this run.</summary>
    public long RowsWritten { get; init; }

    /// <summary>Rows in the file, over every run of this export.</summary>
    public long RowsInFile { get; init; }

    /// <summary>Customers whose every transaction this run wrote.</summary>
    public long CustomersDone { get; init; }

    /// <summary>Customers whose listing failed in this run (the next run retries them first).</summary>
    public long CustomersFailed { get; init; }

    /// <summary>Customers found deleted in this run: their transactions are gone at Stripe too.</summary>
    public long CustomersDeleted { get; init; }

    /// <summary>HTTP requests sent by this run, retries included.</summary>
    public long Requests { get; init; }

    /// <summary>Commits of the file and its checkpoint by this run.</summary>
    public long Commits { get; init; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when the export is complete: every customer written, none failed.</summary>
    public bool Finished { get; init; }
}
