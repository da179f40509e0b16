using System.Collections.Concurrent;

namespace BalanceTools.FakeStripe;

/// <summary>The server's in-memory state: customers and their balance transactions.</summary>
public sealed class FakeStripeStore
{
    private readonly ConcurrentDictionary<string, CustomerLedger> _customers = new(StringComparer.Ordinal);

    internal FakeStripeStore()
    {
    }

    /// <summary>
    /// Creates a customer. The id is generated (<c>cus_</c> + 14 alphanumerics) unless given; a null currency
    /// means the customer's first transaction sets it.
    /// </summary>
    /// <exception cref="InvalidOperationException">A customer with that id already exists.</exception>
    public string CreateCustomer(string? currency = null, string? id = null)
    {
        var normalizedCurrency = currency?.ToLowerInvariant();
        if (id is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(id);
            return _customers.TryAdd(id, new CustomerLedger(id, normalizedCurrency))
                ? id
                : throw new InvalidOperationException($"Customer {id} already exists.");
        }

        while (true)
        {
            var generated = RandomIds.Customer();
            if (_customers.TryAdd(generated, new CustomerLedger(generated, normalizedCurrency)))
            {
                return generated;
            }
        }
    }

    /// <summary>
    /// Appends <paramref name="count"/> "adjustment" transactions, oldest first, with
    /// <c>created = firstCreated + i * spacingSeconds</c> (default first: now minus <paramref name="count"/> seconds;
    /// values are raised where needed so they never precede the customer's existing transactions), amounts
    /// <c>(i % 7 + 1) * 100</c> with alternating signs, description "Seeded #i", no metadata and
    /// <c>invoice = invoiceFor(i)</c>. Sets the customer's currency if unset.
    /// </summary>
    /// <returns>The new transaction ids, oldest first.</returns>
    public IReadOnlyList<string> Seed(
        string customerId,
        int count,
        string currency = "usd",
        long? firstCreated = null,
        int spacingSeconds = 1,
        Func<int, string?>? invoiceFor = null) =>
        Ledger(customerId).Seed(count, currency.ToLowerInvariant(), firstCreated, spacingSeconds, invoiceFor);

    public int CountTransactions(string customerId) => Ledger(customerId).Count;

    public TransactionRecord? FindTransaction(string customerId, string transactionId) =>
        Ledger(customerId).Find(transactionId);

    /// <summary>The customer's current balance in its currency (minor units).</summary>
    public long Balance(string customerId) => Ledger(customerId).Balance;

    internal CustomerLedger RequireCustomer(string customerId) =>
        _customers.TryGetValue(customerId, out var ledger)
            ? ledger
            : throw new StripeErrorException(StripeErrors.NoSuchCustomer(customerId));

    private CustomerLedger Ledger(string customerId) =>
        _customers.TryGetValue(customerId, out var ledger)
            ? ledger
            : throw new KeyNotFoundException($"No customer {customerId} in the fake store.");
}
