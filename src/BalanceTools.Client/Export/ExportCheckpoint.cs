using System.Globalization;
using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// How far an export has got, kept in a small JSON file so that a stopped run can continue. Customers are handed on
/// in input order, so those done form a prefix of the input (or of the account's customer listing): the file holds
/// how many there were and the last one (for the account's listing, its <see cref="CustomerPosition"/>), the customer
/// in progress with the last transaction handed on, the customers that failed (retried first on the next run) and,
/// for an export into a file, the length of the file this state belongs to.
/// </summary>
/// <remarks>
/// The file is replaced atomically: written to a temporary file of its own name beside it, flushed to disk, then
/// renamed over it, so a run killed at any moment leaves either the previous state or the new one, never a torn file,
/// and two writers never share a temporary file. Unless the caller holds a lock of its own, the checkpoint is locked
/// for as long as it is open, so a second run on the same checkpoint is refused at once.
/// </remarks>
public sealed class ExportCheckpoint : IDisposable
{
    private const int FormatVersion = 2;

    private readonly Dictionary<string, string?> failed = new(StringComparer.Ordinal);
    private readonly FileStream? heldLock;

    private ExportCheckpoint(string path, ExportScope scope, FileStream? heldLock)
    {
        Path = path;
        Scope = scope;
        this.heldLock = heldLock;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>What was exported: a re-run must ask for the same.</summary>
    public ExportScope Scope { get; }

    /// <summary>Customers done, failed and deleted ones included, counted from the start of the input or listing.</summary>
    public long CustomersDone { get; private set; }

    /// <summary>The last customer done.</summary>
    public string? LastCustomerDone { get; private set; }

    /// <summary>For a whole-account export, where the customer listing resumes: past every customer done.</summary>
    public CustomerPosition? Position { get; private set; }

    /// <summary>The customer being exported when the checkpoint was written, if any.</summary>
    public string? CustomerInProgress { get; private set; }

    /// <summary>For a whole-account export, the <c>created</c> second of <see cref="CustomerInProgress"/>, so the next run can start with it.</summary>
    public long? CustomerInProgressCreated { get; private set; }

    /// <summary>The last transaction of <see cref="CustomerInProgress"/> handed on; its listing resumes after it.</summary>
    public string? LastTransactionHandedOn { get; private set; }

    /// <summary>Customers whose listing failed, with the last transaction handed on before the failure (or null).</summary>
    public IReadOnlyDictionary<string, string?> FailedCustomers => failed;

    /// <summary>Customers found deleted (before or during a run), over every run that used this file.</summary>
    public long CustomersDeleted { get; private set; }

    /// <summary>Transactions handed on, over every run that used this file.</summary>
    public long TransactionsHandedOn { get; private set; }

    /// <summary>For an export into a file: how many bytes of it this state belongs to (flushed to disk before it was saved).</summary>
    public long? CommittedLength { get; internal set; }

    /// <summary>True once a run handed on everything.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>True once a run handed on everything and no customer is left failed: nothing remains to export.</summary>
    public bool IsComplete => IsFinished && failed.Count == 0;

    /// <summary>
    /// Reads <paramref name="path"/>, or starts a new checkpoint when it does not exist yet, and locks it until
    /// disposed. Refuses a checkpoint in use by another run, one written for a different <paramref name="scope"/>
    /// (naming what differs), or a file that is not a checkpoint.
    /// </summary>
    public static ExportCheckpoint OpenOrCreate(string path, ExportScope scope)
    {
        var heldLock = ExclusiveFile.Open(
            LockPath(path),
            $"Another export is using the checkpoint file {InputText.Quote(path)} right now. Wait for it to end (or stop it), or give another checkpoint file.");
        try
        {
            return Open(path, scope, heldLock);
        }
        catch
        {
            Release(heldLock);
            throw;
        }
    }

    /// <summary>The file whose lock guards the checkpoint at <paramref name="path"/> (the checkpoint itself is replaced on every save).</summary>
    public static string LockPath(string path) => path + ".lock";

    /// <summary>Reads or starts the checkpoint of a caller that holds the lock on what it guards itself.</summary>
    internal static ExportCheckpoint OpenLocked(string path, ExportScope scope) => Open(path, scope, heldLock: null);

    /// <summary>A transaction of <paramref name="customer"/> (created at <paramref name="customerCreated"/>, when listed from the account) was handed on.</summary>
    public void HandedOn(string customer, string transaction, long? customerCreated = null)
    {
        CustomerInProgress = customer;
        CustomerInProgressCreated = customerCreated;
        if (failed.ContainsKey(customer))
        {
            // A failed customer being retried: a stop now must resume it after this transaction, not where it failed.
            failed[customer] = transaction;
        }

        LastTransactionHandedOn = transaction;
        TransactionsHandedOn++;
    }

    /// <summary>
    /// <paramref name="customer"/> is finished: completely, deleted, or with <paramref name="failure"/>. A retried
    /// customer (one of <see cref="FailedCustomers"/>) does not move the position again; a listed one moves it past
    /// itself (<paramref name="listed"/>).
    /// </summary>
    public void Finished(string customer, bool retried, Exception? failure, StripeCustomer? listed = null)
    {
        var lastHandedOn = CustomerInProgress == customer ? LastTransactionHandedOn : failed.TryGetValue(customer, out var before) ? before : null;
        var deleted = ExportFailures.IsDeletedCustomer(failure);
        if (failure is null || deleted)
        {
            failed.Remove(customer);
        }
        else
        {
            failed[customer] = lastHandedOn;
        }

        if (deleted)
        {
            CustomersDeleted++;
        }

        if (!retried)
        {
            CustomersDone++;
            LastCustomerDone = customer;
            if (listed is not null)
            {
                if (Position is null)
                {
                    Position = CustomerPosition.After(listed);
                }
                else
                {
                    Position.MovePast(listed);
                }
            }
        }

        CustomerInProgress = null;
        CustomerInProgressCreated = null;
        LastTransactionHandedOn = null;
    }

    /// <summary>Everything was handed on.</summary>
    public void MarkFinished() => IsFinished = true;

    /// <summary>Writes the checkpoint to a temporary file of its own, flushes it to disk, then renames it over the file.</summary>
    public void Save()
    {
        var temporary = $"{Path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                var bytes = Serialize();
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(Path))
            {
                File.Replace(temporary, Path, null);
            }
            else
            {
                File.Move(temporary, Path);
            }
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Releases the lock, if this checkpoint holds one, and removes its file while still holding it.</summary>
    /// <remarks>
    /// A run that dies leaves the file behind, unlocked and harmless. Not <see cref="FileOptions.DeleteOnClose"/>: a
    /// refused second run would then remove the file that the first run still holds locked.
    /// </remarks>
    public void Dispose()
    {
        if (heldLock is not null)
        {
            Release(heldLock);
        }
    }

    // Elsewhere the file is removed while still locked, so that no other run can lock the old file after this one let
    // go of it while a third creates a new one. Windows does not delete a file that is open without FileShare.Delete
    // (which would also let others in), so there it is closed first; a run that opened it meanwhile keeps it.
    private static void Release(FileStream heldLock)
    {
        var name = heldLock.Name;
        if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows))
        {
            heldLock.Dispose();
            TryDelete(name);
            return;
        }

        TryDelete(name);
        heldLock.Dispose();
    }

    private static ExportCheckpoint Open(string path, ExportScope scope, FileStream? heldLock)
    {
        var checkpoint = new ExportCheckpoint(path, scope, heldLock);
        RemoveLeftoverTemporaryFiles(path);
        if (!File.Exists(path))
        {
            return checkpoint;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            checkpoint.Read(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            throw new StripeInputException($"The checkpoint file {InputText.Quote(path)} cannot be read as a BalanceTools checkpoint ({exception.Message}). Give a new file name, or delete this file to start from the beginning.", "checkpoint");
        }

        return checkpoint;
    }

    // A run killed between writing its temporary file and renaming it leaves the file behind; the lock is held, so
    // no other run is writing one now.
    private static void RemoveLeftoverTemporaryFiles(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        foreach (var leftover in Directory.EnumerateFiles(folder, System.IO.Path.GetFileName(path) + ".*.tmp"))
        {
            TryDelete(leftover);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the next run, which removes leftovers when it opens the checkpoint.
        }
    }

    private byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("scope", Scope.ToString());
            writer.WriteString("customers", Scope.Customers);
            writer.WriteStartArray("settings");
            foreach (var setting in Scope.Settings)
            {
                writer.WriteStartArray();
                writer.WriteStringValue(setting.Key);
                writer.WriteStringValue(setting.Value);
                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteBoolean("finished", IsFinished);
            writer.WriteNumber("customers_done", CustomersDone);
            writer.WriteString("last_customer_done", LastCustomerDone);
            if (Position is { } position)
            {
                writer.WriteStartObject("customer_position");
                writer.WriteNumber("created", position.CreatedSecond);
                writer.WriteStartArray("ids");
                foreach (var id in position.IdsAtSecond)
                {
                    writer.WriteStringValue(id);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteString("customer_in_progress", CustomerInProgress);
            if (CustomerInProgressCreated is { } created)
            {
                writer.WriteNumber("customer_in_progress_created", created);
            }

            writer.WriteString("last_transaction_handed_on", LastTransactionHandedOn);
            writer.WriteNumber("transactions_handed_on", TransactionsHandedOn);
            writer.WriteNumber("customers_deleted", CustomersDeleted);
            if (CommittedLength is { } length)
            {
                writer.WriteNumber("committed_length", length);
            }

            writer.WriteStartObject("failed_customers");
            foreach (var entry in failed)
            {
                writer.WriteString(entry.Key, entry.Value);
            }

            writer.WriteEndObject();
            writer.WriteString("updated", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private void Read(JsonElement root)
    {
        var version = root.GetProperty("version").GetInt32();
        if (version != FormatVersion)
        {
            throw new FormatException($"it has format version {version}, this module reads {FormatVersion}");
        }

        var written = new ExportScope(
            root.GetProperty("customers").GetString() ?? throw new FormatException("it names no customers"),
            root.GetProperty("settings").EnumerateArray().Select(pair => new KeyValuePair<string, string>(pair[0].GetString()!, pair[1].GetString()!)));
        if (Scope.DifferenceFrom(written) is { } difference)
        {
            throw new StripeInputException($"The checkpoint file {InputText.Quote(Path)} belongs to a different export ({written}); this run is {Scope} ({difference}). Give the same parameters as the run that wrote it, or a new file name.", "checkpoint");
        }

        IsFinished = root.GetProperty("finished").GetBoolean();
        CustomersDone = root.GetProperty("customers_done").GetInt64();
        LastCustomerDone = root.GetProperty("last_customer_done").GetString();
        if (root.TryGetProperty("customer_position", out var position))
        {
            Position = new CustomerPosition(position.GetProperty("created").GetInt64(), position.GetProperty("ids").EnumerateArray().Select(id => id.GetString()!));
        }

        CustomerInProgress = root.GetProperty("customer_in_progress").GetString();
        CustomerInProgressCreated = root.TryGetProperty("customer_in_progress_created", out var created) ? created.GetInt64() : null;
        LastTransactionHandedOn = root.GetProperty("last_transaction_handed_on").GetString();
        TransactionsHandedOn = root.GetProperty("transactions_handed_on").GetInt64();
        CustomersDeleted = root.GetProperty("customers_deleted").GetInt64();
        CommittedLength = root.TryGetProperty("committed_length", out var length) ? length.GetInt64() : null;
        foreach (var entry in root.GetProperty("failed_customers").EnumerateObject())
        {
            failed[entry.Name] = entry.Value.GetString();
        }
    }
}
