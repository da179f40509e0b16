namespace BalanceTools.FakeStripe;

/// <summary>The server's in-memory state: customers and their balance transactions.</summary>
public sealed class FakeStripeStore
{
    internal FakeStripeStore()
    {
    }

    internal CustomerDirectory Customers { get; } = new();

    /// <summary>
    /// Creates a customer. The id is generated (<c>cus_</c> + 14 alphanumerics) unless given; a null currency
    /// means the customer's first transaction sets it. Its <c>created</c> comes from the store clock, which starts 30
    /// days before the server did and gives each customer the second after the previous one's: unique and increasing
    /// in creation order, so the customers list is deterministic, and in the past.
    /// </summary>
    /// <exception cref="InvalidOperationException">A customer with that id already exists.</exception>
    public string CreateCustomer(string? currency = null, string? id = null)
    {
        if (id is not null)
        {
            ArgumentException.ThrowIfNullOrEmpty(id);
        }

        return Customers.Create(id, currency?.ToLowerInvariant(), CustomerProfile.Empty).Id;
    }

    /// <summary>
    /// Creates one customer per entry of <paramref name="transactionCounts"/> (zero included), in order, each in
    /// <paramref name="currency"/> with that many transactions as <see cref="Seed"/> makes them. The customers get
    /// consecutive <c>created</c> seconds from the store clock (see <see cref="CreateCustomer"/>), and each customer's
    /// transactions start at its own <c>created</c>, one a second, so no transaction predates its customer or lies in
    /// the future. Names are "Seeded customer #i" (i the index in <paramref name="transactionCounts"/>), emails
    /// <c>{id}@example.com</c>, descriptions null. With <paramref name="perSecond"/> above 1 that many customers share
    /// each <c>created</c> second, as after a bulk import.
    /// </summary>
    /// <returns>The new customer ids in creation order, that is oldest first (the customers list shows them newest first).</returns>
    public IReadOnlyList<string> SeedCustomers(IReadOnlyList<int> transactionCounts, string currency = "usd", int perSecond = 1)
    {
        ArgumentNullException.ThrowIfNull(transactionCounts);
        ArgumentException.ThrowIfNullOrEmpty(currency);
        foreach (var count in transactionCounts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(transactionCounts));
        }

        var normalizedCurrency = currency.ToLowerInvariant();
        var ledgers = Customers.CreateMany(
            transactionCounts.Count,
            normalizedCurrency,
            (i, id) => new CustomerProfile(
                "Seeded customer #" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), id + "@example.com", null),
            perSecond);
        var ids = new string[ledgers.Count];
        for (var i = 0; i < ledgers.Count; i++)
        {
            var ledger = ledgers[i];
            ledger.Seed(transactionCounts[i], normalizedCurrency, ledger.Created, 1, null);
            ids[i] = ledger.Id;
        }

        return ids;
    }

    /// <summary>
    /// Deletes a customer and its transactions: from then on its balance transaction endpoints answer 404
    /// <c>resource_missing</c> ("No such customer"), it is gone from the customers list and is no longer a valid list
    /// cursor, and <c>GET /v1/customers/{id}</c> answers <c>{"id", "object": "customer", "deleted": true}</c>, as
    /// Stripe does for a deleted customer. Requests already past the customer lookup finish against the deleted data.
    /// </summary>
    /// <returns>False when there was no such customer.</returns>
    public bool DeleteCustomer(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Customers.Delete(id);
    }

    /// <summary>Number of customers (deleted ones not counted).</summary>
    public int CountCustomers() => Customers.Count;

    /// <summary>The customer's <c>created</c>, in Unix seconds.</summary>
    public long CustomerCreated(string customerId) => Ledger(customerId).Created;

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

    /// <summary>
    /// The customer's transaction ids in the order its list answers them, newest first, as paging through
    /// <c>GET /v1/customers/{customer}/balance_transactions</c> without filters would give them: what an export
    /// must hand on, in that order.
    /// </summary>
    public IReadOnlyList<string> ListedTransactionIds(string customerId) => Ledger(customerId).ListedIds();

    public TransactionRecord? FindTransaction(string customerId, string transactionId) =>
        Ledger(customerId).Find(transactionId);

    /// <summary>The customer's current balance in its currency (minor units).</summary>
    public long Balance(string customerId) => Ledger(customerId).Balance;

    internal CustomerLedger RequireCustomer(string customerId) =>
        Customers.TryGet(customerId, out var ledger)
            ? ledger
            : throw new StripeErrorException(StripeErrors.NoSuchCustomer(customerId, "customer"));

    private CustomerLedger Ledger(string customerId) =>
        Customers.TryGet(customerId, out var ledger)
            ? ledger
            : throw new KeyNotFoundException($"No customer {customerId} in the fake store.");
}
