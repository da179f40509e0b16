using System.Text;
using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// How far an export has got, kept in a small JSON file so that a stopped run can continue. Customers are handed on
/// in input order, so those done form a prefix of the input (or of the account's customer listing): the file holds
/// how many there were and the last one, the customer in progress with the last transaction handed on, and the
/// customers that failed (retried first on the next run).
/// </summary>
/// <remarks>
/// The file is replaced atomically (written beside it, then renamed over it), so a run killed at any moment leaves
/// either the previous state or the new one, never a torn file.
/// </remarks>
public sealed class ExportCheckpoint
{
    private const int FormatVersion = 1;

    private ExportCheckpoint(string path, string scope)
    {
        Path = path;
        Scope = scope;
    }

    /// <summary>The checkpoint file.</summary>
    public string Path { get; }

    /// <summary>What was exported (every customer or piped ones, and the filters): a re-run must ask for the same.</summary>
    public string Scope { get; }

    /// <summary>Customers done, failed ones included, counted from the start of the input or listing.</summary>
    public long CustomersDone { get; private set; }

    /// <summary>The last customer done; for a whole-account export, where the customer listing resumes.</summary>
    public string? LastCustomerDone { get; private set; }

    /// <summary>The customer being exported when the checkpoint was written, if any.</summary>
    public string? CustomerInProgress { get; private set; }

    /// <summary>The last transaction of <see cref="CustomerInProgress"/> handed on; its listing resumes after it.</summary>
    public string? LastTransactionHandedOn { get; private set; }

    /// <summary>Customers whose listing failed, with the last transaction handed on before the failure (or null).</summary>
    public IReadOnlyDictionary<string, string?> FailedCustomers => failed;

    /// <summary>Transactions handed on, over every run that used this file.</summary>
    public long TransactionsHandedOn { get; private set; }

    /// <summary>True once a run handed on everything.</summary>
    public bool IsFinished { get; private set; }

    private readonly Dictionary<string, string?> failed = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads <paramref name="path"/>, or starts a new checkpoint when it does not exist yet. Refuses a file written
    /// for a different <paramref name="scope"/>, or one that is not a checkpoint.
    /// </summary>
    public static ExportCheckpoint OpenOrCreate(string path, string scope)
    {
        var checkpoint = new ExportCheckpoint(path, scope);
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

    /// <summary>A transaction of <paramref name="customer"/> was handed on.</summary>
    public void HandedOn(string customer, string transaction)
    {
        CustomerInProgress = customer;
        LastTransactionHandedOn = transaction;
        TransactionsHandedOn++;
    }

    /// <summary>
    /// <paramref name="customer"/> is finished: completely, or with <paramref name="failure"/>. A retried customer
    /// (one of <see cref="FailedCustomers"/>) does not move the position again.
    /// </summary>
    public void Finished(string customer, bool retried, Exception? failure)
    {
        var lastHandedOn = CustomerInProgress == customer ? LastTransactionHandedOn : failed.TryGetValue(customer, out var before) ? before : null;
        if (failure is null)
        {
            failed.Remove(customer);
        }
        else
        {
            failed[customer] = lastHandedOn;
        }

        if (!retried)
        {
            CustomersDone++;
            LastCustomerDone = customer;
        }

        CustomerInProgress = null;
        LastTransactionHandedOn = null;
    }

    /// <summary>Everything was handed on.</summary>
    public void MarkFinished() => IsFinished = true;

    /// <summary>Writes the checkpoint beside its file, then renames it over the file.</summary>
    public void Save()
    {
        var temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, Serialize());
        if (File.Exists(Path))
        {
            File.Replace(temporary, Path, null);
        }
        else
        {
            File.Move(temporary, Path);
        }
    }

    private byte[] Serialize()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("version", FormatVersion);
            writer.WriteString("scope", Scope);
            writer.WriteBoolean("finished", IsFinished);
            writer.WriteNumber("customers_done", CustomersDone);
            writer.WriteString("last_customer_done", LastCustomerDone);
            writer.WriteString("customer_in_progress", CustomerInProgress);
            writer.WriteString("last_transaction_handed_on", LastTransactionHandedOn);
            writer.WriteNumber("transactions_handed_on", TransactionsHandedOn);
            writer.WriteStartObject("failed_customers");
            foreach (var entry in failed)
            {
                writer.WriteString(entry.Key, entry.Value);
            }

            writer.WriteEndObject();
            writer.WriteString("updated", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    private void Read(JsonElement root)
    {
        if (root.GetProperty("version").GetInt32() != FormatVersion)
        {
            throw new FormatException($"it has format version {root.GetProperty("version").GetInt32()}, this module writes {FormatVersion}");
        }

        var scope = root.GetProperty("scope").GetString();
        if (scope != Scope)
        {
            throw new StripeInputException($"The checkpoint file {InputText.Quote(Path)} belongs to a different export ({scope}); this run is {Scope}. Give the same parameters as the run that wrote it, or a new file name.", "checkpoint");
        }

        IsFinished = root.GetProperty("finished").GetBoolean();
        CustomersDone = root.GetProperty("customers_done").GetInt64();
        LastCustomerDone = root.GetProperty("last_customer_done").GetString();
        CustomerInProgress = root.GetProperty("customer_in_progress").GetString();
        LastTransactionHandedOn = root.GetProperty("last_transaction_handed_on").GetString();
        TransactionsHandedOn = root.GetProperty("transactions_handed_on").GetInt64();
        foreach (var entry in root.GetProperty("failed_customers").EnumerateObject())
        {
            failed[entry.Name] = entry.Value.GetString();
        }
    }
}
