using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Base of the cmdlets that write one transaction per piped row: asks ShouldProcess for each row on the pipeline
/// thread, hands it to an <see cref="OrderedWriteBatch{T}"/> that sends up to -ThrottleLimit rows at once within the
/// key's write budget, and writes each row's result or error from the pipeline thread in input order.
/// </summary>
/// <remarks>
/// Under -ErrorAction Stop no row is handed on after a failure is seen; the rows already under way finish, their
/// results are written, and the first failure stops the command. After Ctrl+C the rows under way are cancelled and
/// named, with their idempotency keys, since Stripe may have applied any of them.
/// </remarks>
public abstract class BatchedWriteCmdlet : StripeCmdlet
{
    private OrderedWriteBatch<CustomerBalanceTransaction>? batch;
    private WriteProgress? progress;
    private RowIdempotencyKeys? keys;

    /// <summary>Rows whose outcome was read from the batch and not yet written: after Ctrl+C they are named too.</summary>
    private readonly List<WriteRow> inHand = new();
    private bool stopAtFirstFailure;

    /// <summary>True once a stop named the rows under way, so that they are named once.</summary>
    private bool unfinishedNamed;
    private int position;

    [Parameter]
    [WholeNumber(1, 64, Advice = "It is how many rows are sent at once (16 unless given); the key's write rate limit decides how fast they go.")]
    public int ThrottleLimit { get; set; } = StripeDefaults.ThrottleLimit;

    [Parameter]
    [ValidateNotNullOrEmpty]
    [ValidateIdempotencyKeyPrefix]
    public string? IdempotencyKeyPrefix { get; set; }

    /// <summary>What the progress bar says the command is doing, such as "Creating balance transactions".</summary>
    internal abstract string ProgressActivity { get; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        keys = new RowIdempotencyKeys(IdempotencyKeyPrefix);
        stopAtFirstFailure = ErrorActionIsStop();
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        NamingRowsUnderWayOnStop(() => HandOn(untilEmpty: true));
        progress?.Completed();
        base.EndProcessing();
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        if (batch is not null && !Cancellation.IsCancellationRequested && batch.Pending > 0)
        {
            ReportRowsEndedUnwritten();
        }
        else if (batch is not null && Cancellation.IsCancellationRequested && !unfinishedNamed)
        {
            // The stop came while the command was not running (the pipeline was producing the next row), so nothing
            // named the rows under way yet.
            Host?.UI?.WriteErrorLine(DescribeUnfinished(inHand.Concat(batch.Unread).ToList()));
        }

        batch?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        batch = null;
    }

    /// <summary>
    /// Sends one row unless ShouldProcess declines it. The row's own key (an IdempotencyKey column) wins over the
    /// one derived from -IdempotencyKeyPrefix; the derived key is counted even for a declined row, so a later
    /// confirmed run gives every row the key it would have had.
    /// </summary>
    internal void SendRow(
        string target,
        string shouldProcessTarget,
        string action,
        string? rowKey,
        Func<RowIdempotencyKeys, string> deriveKey,
        Func<CustomerBalanceTransactionClient, string, CancellationToken, Task<CustomerBalanceTransaction>> send)
    {
        position++;
        NamingRowsUnderWayOnStop(() =>
        {
            if (stopAtFirstFailure && batch is { AnyFailed: true })
            {
                StopAtFirstFailure(null);
            }

            var derived = deriveKey(keys!);
            var key = string.IsNullOrEmpty(rowKey) ? derived : rowKey!;
            if (!ShouldProcess(shouldProcessTarget, action))
            {
                return;
            }

            // The client is made here, on the pipeline thread: a missing key stops the command with its own error.
            var client = Client;
            batch ??= new OrderedWriteBatch<CustomerBalanceTransaction>(ThrottleLimit, Cancellation);
            progress ??= new WriteProgress(this, ProgressActivity);
            batch.Add(new WriteRow(position, key, target), token => send(client, key, token));
            HandOn(untilEmpty: false);
        });
    }

    /// <summary>
    /// Runs <paramref name="work"/>; when Ctrl+C (or a host's Stop) ends it, names every row sent whose result was not
    /// written, with its key, since Stripe may or may not have applied it.
    /// </summary>
    private void NamingRowsUnderWayOnStop(Action work)
    {
        try
        {
            work();
        }
        catch (PipelineStoppedException) when (Cancellation.IsCancellationRequested && batch is not null)
        {
            // Once stopping, the engine takes no more records (WriteError throws), and it replaces the message of the
            // exception that ends the command: the host's error line is where the user still sees what happened.
            var unfinished = DescribeUnfinished(inHand.Concat(batch.Unread).ToList());
            Host?.UI?.WriteErrorLine(unfinished);
            unfinishedNamed = true;
            throw new PipelineStoppedException(unfinished);
        }
    }

    /// <summary>Writes every outcome that is ready in order; waits while the batch is full, or until it is empty at the end.</summary>
    private void HandOn(bool untilEmpty)
    {
        while (batch is not null && NextOutcome(wait: untilEmpty || !batch.HasRoom) is { } outcome)
        {
            progress!.RowFinished(outcome.Failure is null, batch.Pending);
            if (outcome.Failure is not null && stopAtFirstFailure)
            {
                StopAtFirstFailure(outcome);
            }
            else
            {
                Write(outcome);
            }
        }
    }

    private WriteOutcome<CustomerBalanceTransaction>? NextOutcome(bool wait)
    {
        var outcome = Await(batch!.NextAsync(wait, Cancellation));
        if (outcome is not null)
        {
            inHand.Add(outcome.Row);
        }

        return outcome;
    }

    /// <summary>Writes a row's result, or its non-terminating error.</summary>
    private void Write(WriteOutcome<CustomerBalanceTransaction> outcome)
    {
        if (outcome.Failure is null)
        {
            Emit(outcome.Result);
        }
        else
        {
            FlushRequestEvents();
            WriteError(RowError(outcome));
        }

        inHand.Remove(outcome.Row);
    }

    /// <summary>Waits for every row under way, writes the results that came in, then stops with the first failure.</summary>
    private void StopAtFirstFailure(WriteOutcome<CustomerBalanceTransaction>? first)
    {
        var rest = new List<WriteOutcome<CustomerBalanceTransaction>>();
        while (NextOutcome(wait: true) is { } outcome)
        {
            if (first is null && outcome.Failure is not null)
            {
                first = outcome;
            }
            else if (first is null)
            {
                Write(outcome);
            }
            else
            {
                rest.Add(outcome);
            }
        }

        foreach (var finished in rest.Where(outcome => outcome.Failure is null))
        {
            Write(finished);
        }

        var alsoFailed = rest.Where(outcome => outcome.Failure is not null).ToList();
        var record = RowError(first!);
        var stopped = $" Stopped at this first failure (-ErrorAction Stop): no row was sent once it was seen; the {rest.Count} row(s) already under way finished and their results were written";
        stopped += alsoFailed.Count == 0
            ? "."
            : "; these failed too: " + string.Join("; ", alsoFailed.Select(outcome => $"row {outcome.Row.Position} ({outcome.Row.Target}): {outcome.Failure!.Message}")) + ".";
        record.ErrorDetails = new ErrorDetails(record.ErrorDetails.Message + stopped) { RecommendedAction = record.ErrorDetails.RecommendedAction };
        FlushRequestEvents();

        // Written rather than thrown, so -ErrorAction Stop turns it into the error that stops the whole script.
        WriteError(record);
    }

    /// <summary>The error record of a failed row: its position in the input, what it was about, and why it failed.</summary>
    private static ErrorRecord RowError(WriteOutcome<CustomerBalanceTransaction> outcome)
    {
        var row = outcome.Row;
        var record = outcome.Failure switch
        {
            StripeException stripe => ErrorRecords.From(stripe, row.Target),
            ArgumentException invalid => ErrorRecords.InvalidArgument(invalid, row.Target),
            _ => throw outcome.Failure!,
        };
        var message = record.ErrorDetails?.Message ?? record.Exception.Message;
        record.ErrorDetails = new ErrorDetails($"Row {row.Position} ({row.Target}, idempotency key {row.IdempotencyKey}): {message}")
        {
            RecommendedAction = record.ErrorDetails?.RecommendedAction,
        };
        return record;
    }

    /// <summary>
    /// The command is ending with rows still under way, though nobody pressed Ctrl+C: something else stopped it (a row
    /// refused while binding under -ErrorAction Stop, a failure further down the pipeline). Those rows are not cut off
    /// mid-request; they finish, and since their results can no longer be written they are named on the host's error
    /// line, each with what Stripe answered.
    /// </summary>
    private void ReportRowsEndedUnwritten()
    {
        var ended = new List<string>();
        while (batch!.NextAsync(wait: true).AsTask().GetAwaiter().GetResult() is { } outcome)
        {
            var row = outcome.Row;
            ended.Add(outcome.Failure is null
                ? $"row {row.Position} ({row.Target}, idempotency key {row.IdempotencyKey}) was applied: {outcome.Result.Id}"
                : $"row {row.Position} ({row.Target}, idempotency key {row.IdempotencyKey}) failed: {outcome.Failure.Message}");
        }

        Host?.UI?.WriteErrorLine($"The command ended before the results of {ended.Count} row(s) under way could be written: " + string.Join("; ", ended) + ".");
    }

    private static string DescribeUnfinished(IReadOnlyList<WriteRow> rows) =>
        rows.Count == 0
            ? "The command was stopped; every row sent had its result written."
            : $"The command was stopped with {rows.Count} row(s) under way, which Stripe may or may not have applied: "
              + string.Join("; ", rows.Select(row => $"row {row.Position} ({row.Target}, idempotency key {row.IdempotencyKey})"))
              + ". Run the same command again with the same -IdempotencyKeyPrefix (or the same IdempotencyKey column) to complete them without applying any twice.";

    private bool ErrorActionIsStop()
    {
        var preference = MyInvocation.BoundParameters.TryGetValue("ErrorAction", out var bound) ? bound : GetVariableValue("ErrorActionPreference");
        return string.Equals(PSValue.Unwrap(preference)?.ToString(), nameof(ActionPreference.Stop), StringComparison.OrdinalIgnoreCase);
    }
}
