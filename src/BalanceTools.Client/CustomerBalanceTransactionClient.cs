namespace BalanceTools.Client;

/// <summary>
/// Stripe's customer balance transactions API: list, auto-paging list, retrieve, create and update, with the wire
/// behaviour of Stripe's official SDKs. Safe for concurrent use. Cheap to create: its connections belong to the
/// process-wide pool for its base URI and proxy, which every client with the same two shares.
/// </summary>
public sealed class CustomerBalanceTransactionClient : IDisposable
{
    private readonly StripeTransport transport;

    /// <summary>Creates a client; the options are copied, so later changes to them have no effect.</summary>
    public CustomerBalanceTransactionClient(StripeClientOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        transport = new StripeTransport(options.Clone());
    }

    /// <summary>Retrieves one transaction.</summary>
    public Task<CustomerBalanceTransaction> RetrieveAsync(string customer, string id, RetrieveOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        RequestValidator.Id(customer, StripeIdKind.Customer, "customer");
        RequestValidator.Id(id, StripeIdKind.BalanceTransaction, "transaction");
        var expand = options?.Expand ?? Array.Empty<string>();
        RequestValidator.Expand(expand);
        var query = new FormBuilder().AddList("expand", expand);
        return transport.SendAsync(StripeRequest.Get(PathBuilder.BalanceTransaction(customer, id), query), requestOptions, TransactionJsonReader.ReadTransaction, cancellationToken);
    }

    /// <summary>Lists one page, newest first.</summary>
    public Task<StripeList<CustomerBalanceTransaction>> ListAsync(string customer, ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        ValidateList(customer, options);
        return FetchPage(customer, options, requestOptions, cancellationToken);
    }

    /// <summary>
    /// Streams every transaction that matches <paramref name="options"/>, requesting pages (100 objects unless
    /// <see cref="ListOptions.Limit"/> says otherwise) as the consumer advances and stopping as soon as it stops.
    /// </summary>
    public IAsyncEnumerable<CustomerBalanceTransaction> ListAutoPagingAsync(string customer, ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        ValidateList(customer, options);
        var pager = new AutoPager<CustomerBalanceTransaction>((page, token) => FetchPage(customer, page, requestOptions, token));
        return pager.StreamAsync(options, cancellationToken);
    }

    /// <summary>
    /// Streams the account's customers, newest first, a hundred per request: the customers whose balance
    /// transactions a whole-account export lists (Stripe has no list across customers).
    /// </summary>
    public IAsyncEnumerable<StripeCustomer> ListCustomersAutoPagingAsync(CustomerListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        options ??= new CustomerListOptions();
        ValidateCustomerList(options);
        var pager = new AutoPager<StripeCustomer>((page, token) => FetchCustomerPage(new CustomerListOptions { Limit = page.Limit, StartingAfter = page.StartingAfter, Created = options.Created }, requestOptions, token));
        return pager.StreamAsync(new ListOptions { Limit = options.Limit, StartingAfter = options.StartingAfter }, cancellationToken);
    }

    /// <summary>One page of the account's customers, newest first (100 unless <see cref="CustomerListOptions.Limit"/> says otherwise).</summary>
    public Task<StripeList<StripeCustomer>> ListCustomersAsync(CustomerListOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        ValidateCustomerList(options);
        return FetchCustomerPage(options, requestOptions, cancellationToken);
    }

    /// <summary>The <c>created</c> second of <paramref name="customer"/>, or null when the customer was deleted: where a big customer's listing can end.</summary>
    internal Task<long?> CustomerCreatedAsync(string customer, RequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        RequestValidator.Id(customer, StripeIdKind.Customer, "customer");
        return transport.SendAsync(StripeRequest.Get(PathBuilder.Customer(customer), new FormBuilder()), requestOptions, CustomerJsonReader.ReadCreatedUnlessDeleted, cancellationToken);
    }

    /// <summary>How long this client's requests take to be answered, smoothed.</summary>
    internal LatencyGauge Latency => transport.Latency;

    /// <summary>The rate this client's requests are limited to (not positive or infinite: none).</summary>
    internal double MaxRequestsPerSecond => transport.MaxRequestsPerSecond;

    /// <summary>Creates a transaction. The POST carries an idempotency key, reused on every retry, so it never happens twice.</summary>
    public Task<CustomerBalanceTransaction> CreateAsync(string customer, CreateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        RequestValidator.Id(customer, StripeIdKind.Customer, "customer");
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var currency = RequestValidator.Currency(options.Currency);
        RequestValidator.Description(options.Description);
        RequestValidator.Metadata(options.Metadata);
        RequestValidator.Expand(options.Expand);
        var body = new FormBuilder()
            .Add("amount", options.Amount)
            .Add("currency", currency)
            .AddIfNotNull("description", options.Description)
            .AddMetadata(options.Metadata)
            .AddList("expand", options.Expand);
        return transport.SendAsync(StripeRequest.Post(PathBuilder.BalanceTransactions(customer), body), requestOptions, TransactionJsonReader.ReadTransaction, cancellationToken);
    }

    /// <summary>Updates the description and/or metadata of a transaction.</summary>
    public Task<CustomerBalanceTransaction> UpdateAsync(string customer, string id, UpdateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        RequestValidator.Id(customer, StripeIdKind.Customer, "customer");
        RequestValidator.Id(id, StripeIdKind.BalanceTransaction, "transaction");
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        RequestValidator.Description(options.Description);
        RequestValidator.Metadata(options.Metadata);
        RequestValidator.Expand(options.Expand);
        if (options.ClearMetadata && options.Metadata.Count > 0)
        {
            throw new ArgumentException("Clearing all metadata cannot be combined with setting keys in the same request; clear first, then set.", "metadata");
        }

        var body = new FormBuilder().AddIfNotNull("description", options.Description);
        if (options.ClearMetadata)
        {
            body.Add("metadata", string.Empty);
        }

        body.AddMetadata(options.Metadata).AddList("expand", options.Expand);
        return transport.SendAsync(StripeRequest.Post(PathBuilder.BalanceTransaction(customer, id), body), requestOptions, TransactionJsonReader.ReadTransaction, cancellationToken);
    }

    /// <summary>
    /// Releases nothing: the connections are shared by the whole process and outlive any one client. Kept so that
    /// code written when each client had its own connections still compiles and means the same.
    /// </summary>
    public void Dispose()
    {
    }

    private static void ValidateCustomerList(CustomerListOptions options)
    {
        RequestValidator.OptionalId(options.StartingAfter, StripeIdKind.Customer, "starting_after");
        RequestValidator.Created(options.Created);
        RequestValidator.Limit(options.Limit);
    }

    private Task<StripeList<StripeCustomer>> FetchCustomerPage(CustomerListOptions page, RequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var query = new FormBuilder().Add("limit", page.Limit ?? StripeDefaults.AutoPagingPageSize).AddIfNotNull("starting_after", page.StartingAfter);
        page.Created?.AppendTo(query);
        return transport.SendAsync(StripeRequest.Get(PathBuilder.Customers, query), requestOptions, CustomerJsonReader.ReadList, cancellationToken);
    }

    private static void ValidateList(string customer, ListOptions options)
    {
        RequestValidator.Id(customer, StripeIdKind.Customer, "customer");
        RequestValidator.Limit(options.Limit);
        RequestValidator.Cursors(options.StartingAfter, options.EndingBefore);
        RequestValidator.OptionalId(options.Invoice, StripeIdKind.Invoice, "invoice");
        RequestValidator.Created(options.Created);
        RequestValidator.Expand(options.Expand);
    }

    private Task<StripeList<CustomerBalanceTransaction>> FetchPage(string customer, ListOptions options, RequestOptions? requestOptions, CancellationToken cancellationToken)
    {
        var query = new FormBuilder();
        if (options.Limit is { } limit)
        {
            query.Add("limit", limit);
        }

        query.AddIfNotNull("starting_after", options.StartingAfter).AddIfNotNull("ending_before", options.EndingBefore);
        options.Created?.AppendTo(query);
        query.AddIfNotNull("invoice", options.Invoice).AddList("expand", options.Expand);
        return transport.SendAsync(StripeRequest.Get(PathBuilder.BalanceTransactions(customer), query), requestOptions, TransactionJsonReader.ReadList, cancellationToken);
    }
}
