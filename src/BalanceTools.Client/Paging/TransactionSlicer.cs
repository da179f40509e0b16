using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace BalanceTools.Client;

/// <summary>
/// The rest of a big customer's listing after its first page, paged in slices of its time range at once and read
/// back in order: newest slice first, each slice's transactions in the listing's own order, so the reader gets
/// exactly what one listing gives.
/// </summary>
/// <remarks>
/// <para>
/// Slices are ranges of whole <c>created</c> seconds, disjoint, covering the customer's range from the newest second
/// not yet listed down to the oldest (the oldest slice has no lower bound of its own, so a transaction older than its
/// customer would still be found). A second that holds hundreds of transactions stays in one slice and is paged
/// there with cursors, as one listing pages it.
/// </para>
/// <para>
/// It starts as one slice, the listing continued with the first page's cursor. Whenever a request slot is free and
/// nobody waits for it (a free worker), the slice nearest the reader whose unexplored range still holds at least
/// <see cref="MinimumPagesToSplit"/> pages by the density seen so far is halved: it keeps the newer half, a new slice
/// pages the older half. Nearest rather than widest, because what is listed ahead of the reader is held in memory
/// until its turn; with slots served in the same order (<see cref="RequestPriority"/>), the slices the reader needs
/// next are listed first. The customer's <c>created</c> second says where its range ends; a piped customer's is
/// looked up (one request, <c>GET /v1/customers/{id}</c>) once its listing reached <see cref="PagesBeforeLookUp"/>
/// pages with more to come.
/// </para>
/// <para>
/// Memory: a slice ahead of the reader holds at most <see cref="MinimumPagesToSplit"/> + 1 pages ready (900
/// transactions) plus the page it is reading, then waits, so that a slice too small to halve is listed to its end
/// before its turn; the slice being read holds one page ready. A customer has at most
/// <see cref="ListingContext.SlicesPerCustomer"/> slices at a time (the requests in flight the export aims for).
/// </para>
/// </remarks>
internal sealed class TransactionSlicer : IAsyncDisposable
{
    /// <summary>A slice is halved only when both halves can be expected to fill four pages: fewer would add requests.</summary>
    public const int MinimumPagesToSplit = 8;

    /// <summary>
    /// Pages a piped customer's listing reaches before its <c>created</c> second is looked up: with fewer, splitting
    /// could not pay for the lookup's request.
    /// </summary>
    public const int PagesBeforeLookUp = 5;

    private readonly ListingContext context;
    private readonly string customer;
    private readonly ListOptions template;
    private readonly long order;
    private readonly int pageSize;
    private readonly long firstAllowed;
    private readonly long lastAllowed;
    private readonly CancellationTokenSource cancellation = new();
    private readonly object sync = new();
    private readonly List<Slice> slices = new();
    private readonly List<Task> running = new();
    private long? floor;
    private bool floorLookedUp;
    private long transactionsSeen;
    private long secondsSeen;
    private int pagesListed = 1;
    private bool failed;
    private bool disposed;

    private TransactionSlicer(ListingContext context, string customer, ListOptions template, long order)
    {
        this.context = context;
        this.customer = customer;
        this.template = template;
        this.order = order;
        pageSize = template.Limit ?? StripeDefaults.AutoPagingPageSize;
        firstAllowed = template.Created?.FirstSecond ?? long.MinValue;
        lastAllowed = template.Created?.LastSecond ?? long.MaxValue;
    }

    /// <summary>Slices a listing whose first page, <paramref name="firstPage"/>, said there is more.</summary>
    public static TransactionSlicer Start(ListingContext context, string customer, ListOptions template, long order, long? customerCreated, IReadOnlyList<CustomerBalanceTransaction> firstPage)
    {
        var slicer = new TransactionSlicer(context, customer, template, order);
        var oldest = firstPage[firstPage.Count - 1];
        slicer.transactionsSeen = firstPage.Count;
        slicer.secondsSeen = Second(firstPage[0]) - Second(oldest) + 1;
        if (customerCreated is { } created)
        {
            slicer.floor = Math.Max(created, slicer.firstAllowed);
            slicer.floorLookedUp = true;
        }

        // The continuation is what the reader reads next: one page ready, as a listing's prefetch, is all it needs.
        var continuation = new Slice(lowest: null, highest: null, top: Second(oldest), cursor: oldest.Id, slicer.pageSize);
        slicer.slices.Add(continuation);
        slicer.Run(continuation, heldSlot: null);
        slicer.SplitWhileIdle();
        return slicer;
    }

    /// <summary>Every transaction after the first page, in the listing's order; a slice's failure is thrown when the reader reaches it.</summary>
    public async IAsyncEnumerable<CustomerBalanceTransaction> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            Slice head;
            lock (sync)
            {
                if (slices.Count == 0)
                {
                    yield break;
                }

                head = slices[0];
            }

            while (await head.Buffer.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (head.Buffer.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }

            if (head.Failure is { } failure)
            {
                ExceptionDispatchInfo.Capture(failure).Throw();
            }

            lock (sync)
            {
                slices.RemoveAt(0);
            }
        }
    }

    /// <summary>Stops every slice and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        Task[] all;
        lock (sync)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            all = running.ToArray();
        }

        cancellation.Cancel();
        await Task.WhenAll(all).ConfigureAwait(false);
        cancellation.Dispose();
    }

    private static long Second(CustomerBalanceTransaction transaction) => transaction.Created.ToUnixTimeSeconds();

    // Under the lock, so that a slice either starts before DisposeAsync looks at what runs, or not at all.
    private void Run(Slice slice, IDisposable? heldSlot)
    {
        lock (sync)
        {
            if (disposed)
            {
                heldSlot?.Dispose();
                slice.Buffer.Writer.TryComplete();
                return;
            }

            var token = cancellation.Token;
            running.Add(Task.Run(() => PageAsync(slice, heldSlot, token), CancellationToken.None));
        }
    }

    private async Task PageAsync(Slice slice, IDisposable? heldSlot, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                ListOptions request;
                lock (sync)
                {
                    if (slice.Exhausted)
                    {
                        break;
                    }

                    request = RequestFor(slice);
                }

                var page = await context.ListPageAsync(customer, request, new RequestPriority(order, slice.Highest ?? long.MaxValue), heldSlot, cancellationToken).ConfigureAwait(false);
                heldSlot = null;
                IReadOnlyList<CustomerBalanceTransaction> kept;
                var lookUpFloor = false;
                lock (sync)
                {
                    kept = Keep(slice, page);
                    if (!slice.Exhausted && !floorLookedUp && ++pagesListed >= PagesBeforeLookUp)
                    {
                        floorLookedUp = lookUpFloor = true;
                    }
                }

                if (lookUpFloor)
                {
                    StartFloorLookup();
                }

                foreach (var transaction in kept)
                {
                    await slice.Buffer.Writer.WriteAsync(transaction, cancellationToken).ConfigureAwait(false);
                }

                SplitWhileIdle();
            }
        }
        catch (Exception exception)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                lock (sync)
                {
                    slice.Failure = exception;
                    failed = true;
                }
            }
        }
        finally
        {
            heldSlot?.Dispose();
            slice.Buffer.Writer.TryComplete();
        }

        SplitWhileIdle();
    }

    /// <summary>What of <paramref name="page"/> belongs to <paramref name="slice"/> (a split may have raised its lower bound since the request left), and where the slice is now.</summary>
    private IReadOnlyList<CustomerBalanceTransaction> Keep(Slice slice, StripeList<CustomerBalanceTransaction> page)
    {
        var data = page.Data;
        var kept = slice.Lowest is { } lowest ? data.TakeWhile(transaction => Second(transaction) >= lowest).ToList() : data;
        var repeated = false;
        if (kept.Count > 0)
        {
            var last = kept[kept.Count - 1];
            repeated = !slice.Cursors.Add(last.Id);
            var top = Second(last);
            transactionsSeen += kept.Count;
            secondsSeen += Math.Max(0, slice.Top - top);
            slice.Top = top;
            slice.Cursor = last.Id;
        }

        slice.Exhausted = !page.HasMore || kept.Count == 0 || kept.Count < data.Count || repeated;
        return kept;
    }

    private ListOptions RequestFor(Slice slice)
    {
        var request = template.WithCursor(pageSize, slice.Cursor, null);
        if (slice.Lowest is not null || slice.Highest is not null)
        {
            var from = Math.Max(slice.Lowest ?? long.MinValue, firstAllowed);
            var until = Math.Min(slice.Highest ?? long.MaxValue, lastAllowed);
            request.Created = new CreatedFilter
            {
                GreaterThanOrEqual = from == long.MinValue ? null : DateTimeOffset.FromUnixTimeSeconds(from),
                LessThanOrEqual = until == long.MaxValue ? null : DateTimeOffset.FromUnixTimeSeconds(until),
            };
        }

        return request;
    }

    private void StartFloorLookup()
    {
        lock (sync)
        {
            if (disposed)
            {
                return;
            }

            var token = cancellation.Token;
            running.Add(Task.Run(() => LookUpFloorAsync(token), CancellationToken.None));
        }
    }

    private async Task LookUpFloorAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var slot = await context.Slots.AcquireAsync(new RequestPriority(order, long.MaxValue), cancellationToken).ConfigureAwait(false);
            if (await context.Client.CustomerCreatedAsync(customer, context.RequestOptions, cancellationToken).ConfigureAwait(false) is not { } created)
            {
                return;
            }

            lock (sync)
            {
                floor = Math.Max(created, firstAllowed);
            }
        }
        catch (Exception)
        {
            // Without the customer's created second the listing goes on unsliced; its own requests say what is wrong.
            return;
        }

        SplitWhileIdle();
    }

    /// <summary>Halves slices while a request slot is idle (see the remarks).</summary>
    private void SplitWhileIdle()
    {
        var started = new List<(Slice Slice, IDisposable Slot)>();
        lock (sync)
        {
            while (!failed && !disposed && floor is { } oldest && slices.Count < context.SlicesPerCustomer())
            {
                var position = slices.FindIndex(slice => IsWorthSplitting(slice, oldest));
                if (position < 0 || context.Slots.TryAcquireIdle() is not { } slot)
                {
                    break;
                }

                var halved = slices[position];
                var bottom = halved.Lowest ?? oldest;
                var middle = bottom + ((halved.Top - bottom - 1) / 2);

                var older = new Slice(halved.Lowest, middle, middle, cursor: null, (MinimumPagesToSplit + 1) * pageSize);
                halved.Lowest = middle + 1;
                slices.Insert(position + 1, older);
                started.Add((older, slot));
            }
        }

        foreach (var (slice, slot) in started)
        {
            Run(slice, slot);
        }
    }

    private bool IsWorthSplitting(Slice slice, long oldest)
    {
        if (slice.Exhausted)
        {
            return false;
        }

        // The slice's current second (Top) is never cut: the slice is inside it, with a cursor.
        var bottom = slice.Lowest ?? oldest;
        var unexplored = slice.Top - bottom;
        var expected = unexplored * (double)transactionsSeen / Math.Max(1, secondsSeen);
        return unexplored >= 1 && expected >= MinimumPagesToSplit * pageSize;
    }

    /// <summary>One time range of the listing and how far it got.</summary>
    private sealed class Slice
    {
        public Slice(long? lowest, long? highest, long top, string? cursor, int capacity)
        {
            Lowest = lowest;
            Highest = highest;
            Top = top;
            Cursor = cursor;
            Buffer = Channel.CreateBounded<CustomerBalanceTransaction>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        }

        /// <summary>The oldest second it lists; null for no bound beyond the caller's (the oldest slice).</summary>
        public long? Lowest { get; set; }

        /// <summary>The newest second it lists; null for no bound beyond the caller's (the first slice).</summary>
        public long? Highest { get; }

        /// <summary>The second it has reached: its last transaction's, or <see cref="Highest"/> before any.</summary>
        public long Top { get; set; }

        /// <summary>The last transaction listed, which the next page starts after.</summary>
        public string? Cursor { get; set; }

        public HashSet<string> Cursors { get; } = new(StringComparer.Ordinal);

        /// <summary>True once no more pages are to be asked for.</summary>
        public bool Exhausted { get; set; }

        /// <summary>Why it stopped early; set before <see cref="Buffer"/> completes.</summary>
        public Exception? Failure { get; set; }

        public Channel<CustomerBalanceTransaction> Buffer { get; }
    }
}
