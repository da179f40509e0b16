using System.Runtime.CompilerServices;

namespace BalanceTools.Client;

/// <summary>Shared by every <see cref="AutoPager{T}"/>.</summary>
internal static class AutoPaging
{
    /// <summary>Where in a page the next page is requested: after a tenth of it.</summary>
    public static int PrefetchPosition(int pageSize) => Math.Max(1, (pageSize + 9) / 10);
}

/// <summary>
/// Streams every object of a list, page by page, iteratively. Forward (the default) follows <c>starting_after</c>
/// from newest to oldest; backward (when the caller gave <c>ending_before</c>) follows <c>ending_before</c> and
/// yields oldest to newest, as Stripe's SDKs do.
/// </summary>
/// <remarks>
/// The next page is requested while the consumer is still working through the current one, so network time
/// overlaps the consumer's work; but only once the consumer has taken a tenth of the page. A consumer that wants a
/// handful of objects (<c>Select-Object -First 5</c>) therefore costs exactly one request, and at most two pages are
/// ever held in memory. Paging stops on an empty page or a cursor seen before, even if the server claims more. A
/// page that fails after its retries ends the stream with a <see cref="StripeException"/> that says where to resume.
/// </remarks>
internal sealed class AutoPager<T>
    where T : IStripeListItem
{
    private readonly Func<ListOptions, CancellationToken, Task<StripeList<T>>> fetchPage;

    public AutoPager(Func<ListOptions, CancellationToken, Task<StripeList<T>>> fetchPage) =>
        this.fetchPage = fetchPage;

        public async IAsyncEnumerable<T> StreamAsync(ListOptions options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pageSize = options.Limit ?? StripeDefaults.AutoPagingPageSize;
        var backward = options.EndingBefore is not null;
        var prefetchAt = AutoPaging.PrefetchPosition(pageSize);
        var seenCursors = new HashSet<string>(StringComparer.Ordinal);
        using var prefetchCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<StripeList<T>>? pending = fetchPage(options.WithCursor(pageSize, options.StartingAfter, options.EndingBefore), cancellationToken);
        var resumeCursor = backward ? options.EndingBefore : options.StartingAfter;
        try
        {
            while (pending is not null)
            {
                StripeList<T> page;
                try
                {
                    page = await pending.ConfigureAwait(false);
                }
                catch (StripeException failure)
                {
                    throw backward ? failure.WithResumePoint(null, resumeCursor) : failure.WithResumePoint(resumeCursor, null);
                }

                pending = null;
                var items = page.Data;
                var nextCursor = items.Count == 0 ? null : backward ? items[0].Id : items[items.Count - 1].Id;
                var more = page.HasMore && nextCursor is not null && seenCursors.Add(nextCursor);

                for (var position = 0; position < items.Count; position++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (more && pending is null && position == prefetchAt)
                    {
                        pending = FetchNext(options, pageSize, backward, nextCursor!, prefetchCancellation.Token);
                    }

                    var item = items[backward ? items.Count - 1 - position : position];
                    resumeCursor = item.Id;
                    yield return item;
                }

                if (more && pending is null)
                {
                    pending = FetchNext(options, pageSize, backward, nextCursor!, prefetchCancellation.Token);
                }
            }
        }
        finally
        {
            if (pending is not null)
            {
                prefetchCancellation.Cancel();
                await ObserveAbandoned(pending).ConfigureAwait(false);
            }
        }
    }

    private Task<StripeList<T>> FetchNext(ListOptions options, int pageSize, bool backward, string cursor, CancellationToken cancellationToken) =>
        fetchPage(options.WithCursor(pageSize, backward ? null : cursor, backward ? cursor : null), cancellationToken);

    private static async Task ObserveAbandoned(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The consumer stopped; a prefetch it no longer wants may fail or be cancelled without consequence.
        }
    }
}
