namespace BalanceTools.Client;

/// <summary>What every customer listing of one export shares: the client, the request options and the request slots.</summary>
internal sealed class ListingContext
{
    public ListingContext(CustomerBalanceTransactionClient client, RequestOptions? requestOptions, RequestSlots slots, Func<int> slicesPerCustomer)
    {
        Client = client ?? throw new ArgumentNullException(nameof(client));
        RequestOptions = requestOptions;
        Slots = slots ?? throw new ArgumentNullException(nameof(slots));
        SlicesPerCustomer = slicesPerCustomer ?? throw new ArgumentNullException(nameof(slicesPerCustomer));
    }

    public CustomerBalanceTransactionClient Client { get; }

    public RequestOptions? RequestOptions { get; }

    public RequestSlots Slots { get; }

    /// <summary>How many slices one customer may have at most at the moment, the one being read included.</summary>
    public Func<int> SlicesPerCustomer { get; }

    /// <summary>One page, in a request slot: <paramref name="heldSlot"/> if the caller already has one, else one waited for.</summary>
    public async Task<StripeList<CustomerBalanceTransaction>> ListPageAsync(string customer, ListOptions page, RequestPriority priority, IDisposable? heldSlot, CancellationToken cancellationToken)
    {
        using var slot = heldSlot ?? await Slots.AcquireAsync(priority, cancellationToken).ConfigureAwait(false);
        return await Client.ListAsync(customer, page, RequestOptions, cancellationToken).ConfigureAwait(false);
    }
}
