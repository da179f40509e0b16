using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BalanceTools.Client;

/// <summary>
/// An export straight into a file (CSV or JSON Lines) whose rows and checkpoint are committed together, so that
/// whatever stops a run, the next one completes the file with every transaction exactly once, one header and no torn
/// row. The engine of <c>Export-CustomerBalanceTransaction</c> and of the CLI's <c>--out</c>.
/// </summary>
/// <remarks>
/// A commit writes the rows gathered so far, flushes the file to disk, then saves the checkpoint (beside the file)
/// with the file's committed length and the export's position; a run that finds the pair cuts the file back to that
/// length and continues from that position. The file stays locked by the operating system for the whole run, so a
/// second run on the same file is refused at once, and a process that dies releases it. An existing file without a
/// checkpoint is refused unless <see cref="FileExportOptions.Force"/>: a file is never appended to blindly.
/// </remarks>
public sealed class TransactionFileExport : IAsyncDisposable
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);

    private readonly ExportFile file;
    private readonly ExportCheckpoint checkpoint;
    private readonly Stopwatch sinceProgress = Stopwatch.StartNew();
    private bool disposed;

    private TransactionFileExport(string path, ExportFile file, ExportCheckpoint checkpoint, BalanceExport export)
    {
        Path = path;
        this.file = file;
        this.checkpoint = checkpoint;
        Export = export;
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>The checkpoint beside it.</summary>
    public string CheckpointPath => checkpoint.Path;

    /// <summary>The export's counts (customers found, done, failed, deleted, transactions) for progress.</summary>
    public BalanceExport Export { get; }

    /// <summary>True when an earlier run finished this export: this one writes nothing.</summary>
    public bool AlreadyFinished => Export.AlreadyFinished;

    /// <summary>True when another customer may be added without waiting.</summary>
    public bool HasRoom => Export.HasRoom;

    /// <summary>Rows written by this run.</summary>
    public long RowsWritten => Export.TransactionsHandedOn;

    /// <summary>Where the checkpoint of the export into <paramref name="path"/> is kept.</summary>
    public static string CheckpointPathFor(string path) => path + ".checkpoint.json";

    /// <summary>
    /// Checks <see cref="FileExportOptions.Path"/>, locks it, and reads or starts its checkpoint; the file is cut back
    /// to the committed length. Refuses, with nothing written, a path that cannot be the export's file, a file another
    /// run holds, a file without a checkpoint (unless forced) and a checkpoint of another export.
    /// </summary>
    /// <exception cref="StripeInputException">The path or the file's state does not allow the export; the message says why and what to do.</exception>
    public static TransactionFileExport Open(CustomerBalanceTransactionClient client, FileExportOptions options, CancellationToken cancellationToken = default)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var (force, pathOption) = options.OptionNames;
        var path = ExportPaths.Check(options.Path, pathOption);
        var file = ExportFile.Open(path, RowFormat.For(options.Format), options.CommitInterval, $"Another export is writing {InputText.Quote(path)} right now. Wait for it to end (or stop it); {force} does not take a file from a running export.");
        ExportCheckpoint? checkpoint = null;
        try
        {
            var checkpointPath = CheckpointPathFor(path);
            if (options.Force)
            {
                File.Delete(checkpointPath);
            }
            else if (!File.Exists(checkpointPath) && file.Length > 0)
            {
                throw new StripeInputException($"{InputText.Quote(path)} already exists and has no checkpoint beside it ({InputText.Quote(checkpointPath)}), so this run cannot know which rows it holds. Give {force} to start this export over (the file is emptied), or give another path.", "path");
            }

            checkpoint = ExportCheckpoint.OpenLocked(checkpointPath, ExportScope.For(options.AllCustomers, options.Transactions, options.Format.ToString()));
            var committed = checkpoint.CommittedLength ?? 0;
            if (file.Length < committed)
            {
                throw new StripeInputException($"{InputText.Quote(path)} holds {file.Length} bytes, fewer than the {committed} its checkpoint says were committed: something else changed the file. Give {force} to start this export over, or restore the file.", "path");
            }

            file.TruncateTo(committed);
            if (checkpoint.CommittedLength is null)
            {
                // Saved before any row, so that a run stopped before its first commit leaves a pair to continue from.
                checkpoint.CommittedLength = 0;
                checkpoint.Save();
            }

            var export = new BalanceExport(client, new BalanceExportOptions
            {
                ThrottleLimit = options.ThrottleLimit,
                Transactions = options.Transactions,
                RequestOptions = options.RequestOptions,
                Trace = options.Trace,
            }, checkpoint, file, cancellationToken);
            return new TransactionFileExport(path, file, checkpoint, export);
        }
        catch
        {
            checkpoint?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Adds the next piped customer; false when an earlier run wrote it. Call only while <see cref="HasRoom"/>.</summary>
    public bool Add(string customer) => Export.Add(customer);

    /// <summary>
    /// Writes the rows of the customers added so far: with <paramref name="wait"/> false until the next customer has
    /// room, with it true until every one is written. Yields the end of each customer (see
    /// <see cref="FanOutEvent{T}.Failure"/> and <see cref="ExportFailures.IsDeletedCustomer"/>), and a transaction
    /// now and then for progress.
    /// </summary>
    public async IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> WriteAddedAsync(bool wait, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await Export.NextAsync(wait: wait || !Export.HasRoom, cancellationToken).ConfigureAwait(false) is { } next)
        {
            if (Write(next, cancellationToken))
            {
                yield return next;
            }
        }
    }

    /// <summary>Writes every customer of the account, yielding as <see cref="WriteAddedAsync"/> does; the export is complete at the end.</summary>
    public async IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> WriteAllCustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var next in Export.ExportAllCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Write(next, cancellationToken))
            {
                yield return next;
            }
        }
    }

    /// <summary>Commits the rest and records the export as finished (after the last customer was added and written).</summary>
    public void Complete() => Export.Complete();

    /// <summary>What this run did; <paramref name="requests"/> is how many requests the caller's client sent.</summary>
    public ExportSummary Summary(long requests) => new()
    {
        Path = Path,
        CheckpointPath = CheckpointPath,
        RowsWritten = RowsWritten,
        RowsInFile = checkpoint.TransactionsHandedOn,
        CustomersDone = Export.CustomersCompleted,
        CustomersFailed = Export.CustomersFailed,
        CustomersDeleted = Export.CustomersDeleted,
        Requests = requests,
        Commits = Export.Commits,
        Elapsed = Export.Elapsed,
        Finished = checkpoint.IsComplete,
    };

    /// <summary>Commits what was written (unless a write failed: then the last commit stands), stops every listing and releases the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            await Export.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            file.Dispose();
        }
    }


    // A row is appended and acknowledged with nothing in between that can fail, so the position the next commit saves
    // always describes exactly the rows before it. True when the caller should see the event: a customer's end, or a
    // row now and then for progress.
    private bool Write(FanOutEvent<CustomerBalanceTransaction> next, CancellationToken cancellationToken)
    {
        if (!next.IsEnd)
        {
            file.Append(next.Item);
            Export.Acknowledge();
            if (sinceProgress.Elapsed < ProgressInterval)
            {
                return false;
            }

            sinceProgress.Restart();
            return true;
        }

        if (next.Failure is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        Export.Acknowledge();
        return true;
    }
}
