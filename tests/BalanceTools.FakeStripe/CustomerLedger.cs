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

    public CustomerLedger(string id, string? currency)
    {
        Id = id;
        _currency = currency;
    }

    public string Id { get; }

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
            int start, end;
            bool hasMore;
            if (query.EndingBefore is { } endingBefore)
            {
                // The page is the 'limit' objects just newer than the cursor; has_more says whether even newer ones exist.
                start = window.CountAtOrBefore(RequireCursorLocked(endingBefore, "ending_before"));
                end = Math.Min(window.Count, start + query.Limit);
                hasMore = end < window.Count;
            }
            else
            {
                end = query.StartingAfter is { } startingAfter
                    ? window.CountBefore(RequireCursorLocked(startingAfter, "starting_after"))
                    : window.Count;
                start = Math.Max(0, end - query.Limit);
                hasMore = start > 0;
            }

            var items = new TransactionRecord[end - start];
            for (var k = end - 1; k >= start; k--)
            {
                items[end - 1 - k] = _chronological[window[k]];
            }

            return new TransactionPage(items, hasMore, SnapshotLocked());
        }
    }

    // Alternating signs with magnitudes 100..700: never zero, and the running balance stays bounded.
    private static long SeedAmount(int i) => ((i % 7) + 1) * 100L * (i % 2 == 0 ? 1 : -1);

    private static int FirstIndexWhere(int count, Func<int, bool> reached)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (reached(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

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
            var from = FirstIndexWhere(_chronological.Count, i => _chronological[i].Created >= created.MinInclusive);
            var to = FirstIndexWhere(_chronological.Count, i => _chronological[i].Created > created.MaxInclusive);
            return PositionWindow.Contiguous(from, to);
        }

        if (!_positionsByInvoice.TryGetValue(invoice, out var positions))
        {
            return PositionWindow.Contiguous(0, 0);
        }

        var sliceFrom = FirstIndexWhere(positions.Count, i => _chronological[positions[i]].Created >= created.MinInclusive);
        var sliceTo = FirstIndexWhere(positions.Count, i => _chronological[positions[i]].Created > created.MaxInclusive);
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

    private CustomerSnapshot SnapshotLocked() => new(Id, _balance, _currency);
}
