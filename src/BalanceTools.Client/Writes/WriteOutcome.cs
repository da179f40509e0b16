namespace BalanceTools.Client;

/// <summary>How one write of an <see cref="OrderedWriteBatch{T}"/> ended: its result, or why it failed.</summary>
public sealed class WriteOutcome<T>
{
    private WriteOutcome(WriteRow row, T result, Exception? failure)
    {
        Row = row;
        Result = result;
        Failure = failure;
    }

    /// <summary>The row the outcome belongs to.</summary>
    public WriteRow Row { get; }

    /// <summary>What Stripe returned, when <see cref="Failure"/> is null.</summary>
    public T Result { get; }

    /// <summary>Why the write failed; null when it succeeded.</summary>
    public Exception? Failure { get; }

    internal static WriteOutcome<T> Succeeded(WriteRow row, T result) => new(row, result, null);

    internal static WriteOutcome<T> Failed(WriteRow row, Exception failure) => new(row, default!, failure);
}
