namespace BalanceTools.FakeStripe;

/// <summary>
/// One customer's balance and transactions. Transactions are kept in insertion order, which is also
/// chronological because every new one gets a <c>created</c> no earlier than the last; that ordering is what
/// makes cursor lookups O(1), <c>created</c> filters a binary search and a page O(limit).
/// </summary>
internal sealed class CustomerLedger
{
    private const string AdjustmentType = "adjustment";

    private readonly object _gate = new();
    private readonly List<TransactionRecord> _chronological = [];
    private readonly Dictionary<string, int> _positionById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _positionsByInvoice = new(StringComparer.Ordinal);
    private string? _currency;
    private long _balance;

    public CustomerLedger(string id, string? currency, long created, CustomerProfile profile)
    {
        Id = id;
        _currency = currency;
        Created = created;
        Profile = profile;
    }

    public string Id { get; }

    /// <summary>Unix time in seconds; unique and increasing in creation order across the store (see <see cref="CustomerDirectory"/>).</summary>
    public long Created { get; }

    public CustomerProfile Profile { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _chronological.Count;
            }
        }
    }

    public long Balance
    {
        get
        {
            lock (_gate)
            {
                return _balance;
            }
        }
    }

    public TransactionRecord? Find(string transactionId)
    {
        lock (_gate)
        {
            return _positionById.TryGetValue(transactionId, out var position) ? _chronological[position] : null;
        }
    }

    public (TransactionRecord Transaction, CustomerSnapshot Customer) Retrieve(string transactionId)
    {
        lock (_gate)
        {
            return (_chronological[RequirePositionLocked(transactionId)], SnapshotLocked());
        }
    }

    public IReadOnlyList<string> Seed(int count, string currency, long? firstCreated, int spacingSeconds, Func<int, string?>? invoiceFor)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegative(spacingSeconds);
        var start = firstCreated ?? DateTimeOffset.UtcNow.ToUnixTimeSeconds() - count;
        var ids = new string[count];
        lock (_gate)
        {
            AdoptCurrencyLocked(currency, mismatch => new ArgumentException(
                $"Customer {Id} already uses {mismatch}; cannot seed {currency} transactions.", nameof(currency)));
            _chronological.EnsureCapacity(_chronological.Count + count);
            _positionById.EnsureCapacity(_positionById.Count + count);
            for (var i = 0; i < count; i++)
            {
                var transaction = AppendLocked(
                    SeedAmount(i),
                    start + ((long)i * spacingSeconds),
                    "Seeded #" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    invoiceFor?.Invoke(i),
                    TransactionRecord.NoMetadata);
                ids[i] = transaction.Id;
            }
        }

        return ids;
    }

    public (TransactionRecord Transaction, CustomerSnapshot Customer) Create(
        long amount, string currency, string? description, IReadOnlyDictionary<string, string> metadata)
    {
        lock (_gate)
        {
            AdoptCurrencyLocked(currency, mismatch => new StripeErrorException(StripeErrors.CurrencyMismatch(currency, mismatch)));
            var transaction = AppendLocked(amount, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), description, null, metadata);
            return (transaction, SnapshotLocked());
        }
    }

    /// <summary>Replaces a transaction with an edited copy; <paramref name="edit"/> runs under the lock and may throw.</summary>
    public (TransactionRecord Transaction, CustomerSnapshot Customer) Update(
        string transactionId, Func<TransactionRecord, TransactionRecord> edit)
    {
        lock (_gate)
        {
            var position = RequirePositionLocked(transactionId);
            var edited = edit(_chronological[position]);
            _chronological[position] = edited;
            return (edited, SnapshotLocked());
        }
    }

    public TransactionPage ReadPage(ListQuery query)
    {
        lock (_gate)
        {
            var window = WindowLocked(query.Created, query.Invoice);
            var page = ListPaging.Select(
                window,
                query.Limit,
                query.StartingAfter is { } startingAfter ? RequireCursorLocked(startingAfter, "starting_after") : null,
                query.EndingBefore is { } endingBefore ? RequireCursorLocked(endingBefore, "ending_before") : null);
            var items = ListPaging.NewestFirst(window, page, position => _chronological[position]);
            return new TransactionPage(items, page.HasMore, SnapshotLocked());
        }
    }

    /// <summary>Every transaction id in the order the unfiltered list pages them (newest first), through the same paging.</summary>
    public IReadOnlyList<string> ListedIds()
    {
        lock (_gate)
        {
            var window = WindowLocked(CreatedRange.All, null);
            var everything = ListPaging.Select(window, window.Count, null, null);
            return ListPaging.NewestFirst(window, everything, position => _chronological[position].Id);
        }
    }

    /// <summary>The customer as it is now, for the customer object and the expanded <c>customer</c> field.</summary>
    public CustomerSnapshot Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    // Alternating signs with magnitudes 100..700: never zero, and the running balance stays bounded.
    private static long SeedAmount(int i) => ((i % 7) + 1) * 100L * (i % 2 == 0 ? 1 : -1);

    private void AdoptCurrencyLocked(string currency, Func<string, Exception> mismatch)
    {
        if (_currency is null)
        {
            _currency = currency;
        }
        else if (!string.Equals(_currency, currency, StringComparison.Ordinal))
        {
            throw mismatch(_currency);
        }
    }

    private TransactionRecord AppendLocked(
        long amount, long created, string? description, string? invoice, IReadOnlyDictionary<string, string> metadata)
    {
        long endingBalance;
        try
        {
            endingBalance = checked(_balance + amount);
        }
        catch (OverflowException)
        {
            throw new StripeErrorException(StripeErrors.InvalidParameter("amount", "The resulting customer balance is out of range."));
        }

        var position = _chronological.Count;
        if (position > 0)
        {
            created = Math.Max(created, _chronological[position - 1].Created);
        }

        string id;
        do
        {
            id = RandomIds.Transaction();
        }
        while (!_positionById.TryAdd(id, position));

        var transaction = new TransactionRecord(
            id, amount, created, _currency!, Id, description, endingBalance, invoice, null, AdjustmentType, metadata);
        _chronological.Add(transaction);
        _balance = endingBalance;
        if (invoice is not null)
        {
            if (!_positionsByInvoice.TryGetValue(invoice, out var positions))
            {
                positions = [];
                _positionsByInvoice.Add(invoice, positions);
            }

            positions.Add(position);
        }

        return transaction;
    }

    private PositionWindow WindowLocked(CreatedRange created, string? invoice)
    {
        if (invoice is null)
        {
            var from = ListPaging.FirstIndexWhere(_chronological.Count, i => _chronological[i].Created >= created.MinInclusive);
            var to = ListPaging.FirstIndexWhere(_chronological.Count, i => _chronological[i].Created > created.MaxInclusive);
            return PositionWindow.Contiguous(from, to);
        }

        if (!_positionsByInvoice.TryGetValue(invoice, out var positions))
        {
            return PositionWindow.Contiguous(0, 0);
        }

        var sliceFrom = ListPaging.FirstIndexWhere(positions.Count, i => _chronological[positions[i]].Created >= created.MinInclusive);
        var sliceTo = ListPaging.FirstIndexWhere(positions.Count, i => _chronological[positions[i]].Created > created.MaxInclusive);
        return PositionWindow.Slice(positions, sliceFrom, sliceTo);
    }

    private int RequireCursorLocked(string transactionId, string param) =>
        _positionById.TryGetValue(transactionId, out var position)
            ? position
            : throw new StripeErrorException(StripeErrors.UnknownCursor(transactionId, param));

    private int RequirePositionLocked(string transactionId) =>
        _positionById.TryGetValue(transactionId, out var position)
            ? position
            : throw new StripeErrorException(StripeErrors.NoSuchTransaction(transactionId));

    private CustomerSnapshot SnapshotLocked() => new(Id, Created, _balance, _currency, Profile);
}
