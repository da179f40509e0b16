using System.Runtime.CompilerServices;

namespace BalanceTools.Client;

/// <summary>
/// One customer's balance transactions, newest first, exactly as one listing gives them; a customer with more than a
/// page is paged in slices of its time range at once (<see cref="TransactionSlicer"/>) as request slots allow.
/// </summary>
/// <remarks>
/// The first page is read at the reader's pace, and nothing more is asked for until the reader took a tenth of it,
/// as with <see cref="AutoPager{T}"/>: a reader that wants a handful costs one request. A backward listing
/// (<c>ending_before</c>) is not sliced: it is rare and its order runs the other way.
/// </remarks>
internal static class TransactionListing
{
    /// <summary>Streams <paramref name="customer"/>'s transactions that match <paramref name="options"/>, through <paramref name="context"/>'s request slots.</summary>
    /// <param name="context">What the export's listings share.</param>
    /// <param name="customer">The customer.</param>
    /// <param name="customerCreated">The customer's <c>created</c> second when known (from the account's listing); else looked up if the customer turns out big.</param>
    /// <param name="options">The filters, expansions, page size and starting cursor.</param>
    /// <param name="order">The customer's place in the export's hand-on order, for request priority.</param>
    /// <param name="cancellationToken">Stops the listing.</param>
    public static async IAsyncEnumerable<CustomerBalanceTransaction> StreamAsync(
        ListingContext context,
        string customer,
        long? customerCreated,
        ListOptions options,
        long order,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var firstPriority = new RequestPriority(order, long.MaxValue);
        if (options.EndingBefore is not null)
        {
            var pager = new AutoPager<CustomerBalanceTransaction>((page, token) => context.ListPageAsync(customer, page, firstPriority, null, token));
            await foreach (var item in pager.StreamAsync(options, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        var pageSize = options.Limit ?? StripeDefaults.AutoPagingPageSize;
        StripeList<CustomerBalanceTransaction> first;
        try
        {
            first = await context.ListPageAsync(customer, options.WithCursor(pageSize, options.StartingAfter, null), firstPriority, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StripeException failure)
        {
            throw failure.WithResumePoint(options.StartingAfter, null);
        }

        var items = first.Data;
        var more = first.HasMore && items.Count > 0 && items[items.Count - 1].Id != options.StartingAfter;
        var prefetchAt = AutoPaging.PrefetchPosition(pageSize);
        TransactionSlicer? slicer = null;
        try
        {
            for (var position = 0; position < items.Count; position++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (more && slicer is null && position == prefetchAt)
                {
                    slicer = TransactionSlicer.Start(context, customer, options, order, customerCreated, items);
                }

                yield return items[position];
            }

            if (!more)
            {
                yield break;
            }

            slicer ??= TransactionSlicer.Start(context, customer, options, order, customerCreated, items);
            var handedOn = items[items.Count - 1].Id;
            await using var rest = slicer.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await rest.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (StripeException failure)
                {
                    throw failure.WithResumePoint(handedOn, null);
                }

                handedOn = rest.Current.Id;
                yield return rest.Current;
            }
        }
        finally
        {
            if (slicer is not null)
            {
                await slicer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
