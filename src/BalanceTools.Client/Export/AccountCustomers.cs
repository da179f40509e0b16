using System.Runtime.CompilerServices;

namespace BalanceTools.Client;

/// <summary>
/// The account's customers, newest first, from a <see cref="CustomerPosition"/> on: pages follow
/// <c>starting_after</c> as usual, and when Stripe refuses that cursor because the customer was deleted meanwhile,
/// the listing continues from the position's <c>created</c> second instead, skipping the customers of that second it
/// already gave. Resuming a stopped export starts the same way, so a deleted cursor customer never stops it.
/// </summary>
internal static class AccountCustomers
{
    public static async IAsyncEnumerable<StripeCustomer> ListAsync(
        CustomerBalanceTransactionClient client,
        CreatedFilter? bounds,
        CustomerPosition? resumeAfter,
        RequestOptions? requestOptions,
        int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = resumeAfter?.Copy();
        var page = new CustomerListOptions { Limit = pageSize, Created = position?.From(bounds) ?? bounds };
        while (true)
        {
            StripeList<StripeCustomer> customers;
            try
            {
                customers = await client.ListCustomersAsync(page, requestOptions, cancellationToken).ConfigureAwait(false);
            }
            catch (StripeException refused) when (page.StartingAfter is not null && position is not null && ExportFailures.IsMissingCursor(refused))
            {
                page = new CustomerListOptions { Limit = pageSize, Created = position.From(bounds) };
                continue;
            }

            foreach (var customer in customers.Data)
            {
                if (position?.HasReached(customer) == true)
                {
                    continue;
                }

                if (position is null)
                {
                    position = CustomerPosition.After(customer);
                }
                else
                {
                    position.MovePast(customer);
                }

                yield return customer;
            }

            if (!customers.HasMore || customers.Data.Count == 0)
            {
                yield break;
            }

            page = new CustomerListOptions { Limit = pageSize, Created = page.Created, StartingAfter = customers.Data[customers.Data.Count - 1].Id };
        }
    }
}
