namespace BalanceTools.Client;

/// <summary>
/// Sends writes concurrently and gives their outcomes back in the order they were added: up to <c>throttleLimit</c>
/// writes are under way or waiting to be read at once (the rate limiter in the transport decides how fast they go
/// out); a write that finishes before the ones added earlier waits here until they have been read.
/// </summary>
/// <remarks>
/// Nothing here touches the caller's thread: <see cref="NextAsync"/> is the only way out, so a PowerShell cmdlet
/// asks ShouldProcess, writes results and errors from its pipeline thread, row by row in input order. Every write
/// keeps the idempotency key of its <see cref="WriteRow"/> across its retries, so a write reported as unfinished can
/// be sent again without being applied twice.
/// </remarks>
public sealed class OrderedWriteBatch<T> : IAsyncDisposable
{
    private readonly int throttleLimit;
    private readonly CancellationTokenSource cancellation;
    private readonly Queue<PendingWrite> window = new();
    private int failures;
    private bool disposed;

    /// <summary>Creates an empty batch whose writes stop when <paramref name="cancellationToken"/> is cancelled.</summary>
    public OrderedWriteBatch(int throttleLimit, CancellationToken cancellationToken)
    {
        if (throttleLimit < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one write must be allowed at a time.");
        }

        this.throttleLimit = throttleLimit;
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>True while fewer than the throttle limit of writes are under way or waiting to be read.</summary>
    public bool HasRoom => window.Count < throttleLimit;

    /// <summary>Rows added whose outcome has not been read: under way, or finished and waiting for the rows before them.</summary>
    public int Pending => window.Count;

    /// <summary>True once any write added so far has failed, read or not: a caller that stops at the first failure adds no more.</summary>
    public bool AnyFailed => Volatile.Read(ref failures) > 0;

    /// <summary>
    /// The rows added whose outcome has not been read, oldest first: after a cancellation, the writes that may or may
    /// not have been applied.
    /// </summary>
    public IReadOnlyList<WriteRow> Unread => window.Select(pending => pending.Row).ToList();

    /// <summary>Starts <paramref name="send"/>, the write of <paramref name="row"/>; call only while <see cref="HasRoom"/>.</summary>
    public void Add(WriteRow row, Func<CancellationToken, Task<T>> send)
    {
        if (row is null)
        {
            throw new ArgumentNullException(nameof(row));
        }

        if (send is null)
        {
            throw new ArgumentNullException(nameof(send));
        }

        if (!HasRoom)
        {
            throw new InvalidOperationException($"{throttleLimit} writes are already under way; read from the batch before adding more.");
        }

        var token = cancellation.Token;
        var write = Task.Run(() => send(token), CancellationToken.None);
        write.ContinueWith(_ => Interlocked.Increment(ref failures), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        window.Enqueue(new PendingWrite(row, write));
    }

    /// <summary>
    /// The outcome of the oldest write not yet read. With <paramref name="wait"/> false, null when it has not finished;
    /// with it true, null only when nothing is pending.
    /// </summary>
    public async ValueTask<WriteOutcome<T>?> NextAsync(bool wait, CancellationToken cancellationToken = default)
    {
        // A caller that has been cancelled gets the cancellation, never an outcome that happened to finish first.
        cancellationToken.ThrowIfCancellationRequested();
        if (window.Count == 0)
        {
            return null;
        }

        var head = window.Peek();
        if (!head.Write.IsCompleted)
        {
            if (!wait)
            {
                return null;
            }

            await WhenDoneAsync(head.Write, cancellationToken).ConfigureAwait(false);
        }

        window.Dequeue();
        return head.Write.Status == TaskStatus.RanToCompletion
            ? WriteOutcome<T>.Succeeded(head.Row, head.Write.Result)
            : WriteOutcome<T>.Failed(head.Row, Unwrap(head.Write));
    }

    /// <summary>Cancels the writes still under way and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        cancellation.Cancel();
        foreach (var pending in window)
        {
            await Task.WhenAny(pending.Write).ConfigureAwait(false);
        }

        window.Clear();
        cancellation.Dispose();
    }

    private static Exception Unwrap(Task write) =>
        write.Exception?.InnerExceptions.Count == 1 ? write.Exception.InnerException! : write.Exception ?? (Exception)new OperationCanceledException();

    private static async Task WhenDoneAsync(Task write, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
        {
            await Task.WhenAny(write, cancelled.Task).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private sealed record PendingWrite(WriteRow Row, Task<T> Write);
}
