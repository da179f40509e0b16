using System.Collections.ObjectModel;

namespace BalanceTools.FakeStripe;

/// <summary>
/// An immutable customer balance transaction. Edits replace the stored instance, so a record
/// handed out is a stable snapshot.
/// </summary>
public sealed class TransactionRecord
{
    internal TransactionRecord(
        string id,
        long amount,
        long created,
        string currency,
        string customerId,
        string? description,
        long endingBalance,
        string? invoice,
        string? creditNote,
        string type,
        IReadOnlyDictionary<string, string> metadata)
    {
        Id = id;
        Amount = amount;
        Created = created;
        Currency = currency;
        CustomerId = customerId;
        Description = description;
        EndingBalance = endingBalance;
        Invoice = invoice;
        CreditNote = creditNote;
        Type = type;
        Metadata = metadata;
    }

    public string Id { get; }

    public long Amount { get; }

    /// <summary>Unix time in seconds.</summary>
    public long Created { get; }

    public string Currency { get; }

    public string CustomerId { get; }

    public string? Description { get; }

    public long EndingBalance { get; }

    public string? Invoice { get; }

    public string? CreditNote { get; }

    public string Type { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    internal static IReadOnlyDictionary<string, string> NoMetadata { get; } = ReadOnlyDictionary<string, string>.Empty;

    internal TransactionRecord WithEdits(string? description, IReadOnlyDictionary<string, string> metadata) =>
        new(Id, Amount, Created, Currency, CustomerId, description, EndingBalance, Invoice, CreditNote, Type, metadata);
}
