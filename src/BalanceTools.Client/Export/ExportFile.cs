namespace BalanceTools.Client;

/// <summary>
/// The file an export writes, held under an operating-system lock for the whole run: rows are gathered in memory,
/// written in large blocks, and committed (written and flushed to disk) when the export saves its checkpoint.
/// </summary>
/// <remarks>
/// A write that fails part-way (a full disk, a file-size limit) may leave a torn row after the last commit; the file
/// then counts as not intact, nothing more is committed, and the next run truncates it to the committed length.
/// </remarks>
internal sealed class ExportFile : ICommittedOutput, IDisposable
{
    private const int BlockSize = 256 * 1024;

    private readonly FileStream file;
    private readonly RowFormat format;
    private readonly MemoryStream pending = new();

    private ExportFile(FileStream file, RowFormat format, TimeSpan commitInterval)
    {
        this.file = file;
        this.format = format;
        CommitInterval = commitInterval;
    }

    public bool IsIntact { get; private set; } = true;

    public TimeSpan CommitInterval { get; }

    /// <summary>The file's length on disk, rows not yet written excluded.</summary>
    public long Length => file.Length;

    /// <summary>Bytes committed by this run.</summary>
    public long BytesCommitted { get; private set; }

    /// <summary>Opens (or creates) <paramref name="path"/> and locks it; a file another run holds is refused with <paramref name="inUse"/>.</summary>
    public static ExportFile Open(string path, RowFormat format, TimeSpan commitInterval, string inUse) =>
        new(ExclusiveFile.Open(path, inUse), format, commitInterval);

    /// <summary>Cuts the file to <paramref name="length"/> (what the checkpoint says was committed) and writes on from there.</summary>
    public void TruncateTo(long length)
    {
        file.SetLength(length);
        file.Flush(flushToDisk: true);
        file.Seek(0, SeekOrigin.End);
        if (length == 0)
        {
            var header = format.Header;
            pending.Write(header, 0, header.Length);
        }
    }

    public void Append(CustomerBalanceTransaction transaction)
    {
        format.Append(transaction, pending);
        if (pending.Length >= BlockSize)
        {
            WritePending();
        }
    }

    public long Commit()
    {
        if (!IsIntact)
        {
            throw new InvalidOperationException("A write to the export file failed, so nothing after the last commit can be committed.");
        }

        var before = file.Position;
        WritePending();
        try
        {
            file.Flush(flushToDisk: true);
        }
        catch (Exception exception)
        {
            IsIntact = false;
            throw AsFull(exception);
        }

        BytesCommitted += file.Position - before;
        return file.Position;
    }

    public void Dispose() => file.Dispose();

    private void WritePending()
    {
        if (pending.Length == 0)
        {
            return;
        }

        try
        {
            file.Write(pending.GetBuffer(), 0, (int)pending.Length);
        }
        catch (Exception exception)
        {
            IsIntact = false;
            throw AsFull(exception);
        }

        pending.SetLength(0);
    }

    // .NET reports a file that may grow no further (EFBIG: a file-size limit) as an argument out of range.
    private Exception AsFull(Exception exception) => exception is ArgumentOutOfRangeException
        ? new IOException($"{file.Name} cannot grow any further: the disk is full or a file-size limit was reached (File too large).", exception)
        : exception;
}
