using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace BalanceTools.FakeStripe;

/// <summary>
/// The store's customers, by id and in creation order. A store clock gives every customer a <c>created</c> one second
/// after the previous customer's, unless a bulk seed puts several in one second (as a bulk import does at Stripe), so
/// creation order is also <c>created</c> order and ties keep their creation order: the customers list is
/// deterministic (newest first, the later-created first within a second), its <c>created</c> filters and cursors are
/// binary searches and a page is O(limit). The clock starts <see cref="ClockLead"/> before the store was made rather than at the wall
/// clock, so a burst of customers never runs into the future and their seeded transactions, which follow them, neither.
/// </summary>
internal sealed class CustomerDirectory
{
    /// <summary>How far in the past the first customer is created: room for millions of customers before now.</summary>
    public static readonly TimeSpan ClockLead = TimeSpan.FromDays(30);

    private readonly object _gate = new();

    // Lookups by id are the hot path of every balance transaction request, so they do not take the lock.
    private readonly ConcurrentDictionary<string, CustomerLedger> _byId = new(StringComparer.Ordinal);
    private readonly List<CustomerLedger> _chronological = [];

    // Stripe still answers for a deleted customer's id (with deleted: true), so the id outlives the customer.
    private readonly HashSet<string> _deletedIds = new(StringComparer.Ordinal);

    private long _nextCreated = DateTimeOffset.UtcNow.Subtract(ClockLead).ToUnixTimeSeconds();

    public int Count => _byId.Count;

    public bool TryGet(string id, [MaybeNullWhen(false)] out CustomerLedger ledger) => _byId.TryGetValue(id, out ledger);

    /// <summary>
    /// Whether a customer of that id was ever deleted. A caller that missed it in <see cref="TryGet"/> learns here
    /// whether it was deleted or never existed: <see cref="Delete"/> records the id before it removes the customer.
    /// </summary>
    public bool WasDeleted(string id)
    {
        lock (_gate)
        {
            return _deletedIds.Contains(id);
        }
    }

    /// <exception cref="InvalidOperationException">A customer with that id already exists.</exception>
    public CustomerLedger Create(string? id, string? currency, CustomerProfile profile)
    {
        lock (_gate)
        {
            if (id is not null && _byId.ContainsKey(id))
            {
                throw new InvalidOperationException($"Customer {id} already exists.");
            }

            return AddLocked(id ?? UnusedIdLocked(), currency, _nextCreated++, profile);
        }
    }

    /// <summary>
    /// Creates <paramref name="count"/> customers with generated ids, <paramref name="perSecond"/> to a <c>created</c>
    /// second, the seconds consecutive; <paramref name="profileFor"/> receives each customer's index and id.
    /// </summary>
    public IReadOnlyList<CustomerLedger> CreateMany(int count, string currency, Func<int, string, CustomerProfile> profileFor, int perSecond = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        var created = new CustomerLedger[count];
        lock (_gate)
        {
            _chronological.EnsureCapacity(_chronological.Count + count);
            var first = _nextCreated;
            for (var i = 0; i < count; i++)
            {
                var id = UnusedIdLocked();
                created[i] = AddLocked(id, currency, first + (i / perSecond), profileFor(i, id));
            }

            _nextCreated = first + ((count + perSecond - 1) / perSecond);
        }

        return created;
    }

    /// <returns>False when there is no such customer.</returns>
    public bool Delete(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var ledger))
            {
                return false;
            }

            _deletedIds.Add(id);
            _byId.TryRemove(id, out _);
            _chronological.RemoveAt(PositionLocked(ledger));
            return true;
        }
    }

    public CustomerPage ReadPage(ListQuery query)
    {
        lock (_gate)
        {
            var created = query.Created;
            var window = PositionWindow.Contiguous(
                ListPaging.FirstIndexWhere(_chronological.Count, i => _chronological[i].Created >= created.MinInclusive),
                ListPaging.FirstIndexWhere(_chronological.Count, i => _chronological[i].Created > created.MaxInclusive));
            var page = ListPaging.Select(
                window,
                query.Limit,
                query.StartingAfter is { } startingAfter ? RequireCursorLocked(startingAfter, "starting_after") : null,
                query.EndingBefore is { } endingBefore ? RequireCursorLocked(endingBefore, "ending_before") : null);
            return new CustomerPage(ListPaging.NewestFirst(window, page, position => _chronological[position].Snapshot()), page.HasMore);
        }
    }

    private CustomerLedger AddLocked(string id, string? currency, long created, CustomerProfile profile)
    {
        var ledger = new CustomerLedger(id, currency, created, profile);
        _byId[id] = ledger;
        _chronological.Add(ledger);
        return ledger;
    }

    private string UnusedIdLocked()
    {
        while (true)
        {
            var id = RandomIds.Customer();
            if (!_byId.ContainsKey(id) && !_deletedIds.Contains(id))
            {
                return id;
            }
        }
    }

    // Created values ascend, so a customer's second is a binary search away; within a second, a scan of its ties.
    private int PositionLocked(CustomerLedger ledger)
    {
        var position = ListPaging.FirstIndexWhere(_chronological.Count, i => _chronological[i].Created >= ledger.Created);
        while (!ReferenceEquals(_chronological[position], ledger))
        {
            position++;
        }

        return position;
    }

    // A deleted customer is no longer a valid cursor, as at Stripe.
    private int RequireCursorLocked(string customerId, string param) =>
        _byId.TryGetValue(customerId, out var ledger)
            ? PositionLocked(ledger)
            : throw new StripeErrorException(StripeErrors.UnknownCustomerCursor(customerId, param));
}
