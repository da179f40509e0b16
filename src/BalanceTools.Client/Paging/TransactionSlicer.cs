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
/// It starts as one slice, the listing continued with the first page's cursor. Once the listing has reached
/// <see cref="PagesBeforeSlicing"/> pages, whenever a request slot is free and nobody waits for it (a free worker),
/// the slice nearest the reader that is worth it is cut: it keeps the next <see cref="ChunkPages"/> pages' worth of
/// seconds by the density seen so far over the whole listing, and a new slice lists everything older; once no
/// slice is worth that, the nearest one holding 2 × <see cref="LastPiecePages"/> pages is halved, so the last
/// chunks are not paged one request at a time. Cut from the top by density rather
/// than halved by time, because a customer created years before its transactions would have its halves land in
/// empty years, a request each; nearest the reader rather than widest, because what is listed ahead of the reader
/// is held in memory until its turn, and with slots served in the same order (<see cref="RequestPriority"/>) the
/// slices the reader needs next are listed first. A slice is worth cutting when it can be expected to hold two
/// chunks, by its density and, for the oldest slice, the customer's <c>created</c> second: from the account's
/// listing, or for a piped customer looked up (one request, <c>GET /v1/customers/{id}</c>) when its listing reaches
/// <see cref="PagesBeforeLookUp"/> pages. Until that answer, the oldest slice is cut only after each of its pages.
/// Slices not yet heard from may find nothing (in years without transactions), so at most
/// <see cref="MostSlicesUnheardFrom"/> of them are cut before answers say where the transactions are.
/// </para>
/// <para>
/// Memory: a slice ahead of the reader holds at most <see cref="ChunkPages"/> + 1 pages ready (900
/// transactions) plus the page it is reading, then waits, so that a slice too small to cut is listed to its end
/// before its turn; the slice being read holds one page ready. A customer has at most
/// <see cref="ListingContext.SlicesPerCustomer"/> slices at a time (the requests in flight the export aims for).
/// </para>
/// </remarks>
internal sealed class TransactionSlicer : IAsyncDisposable
{
    /// <summary>
    /// The pages' worth of seconds a cut leaves the slice it cuts: each slice ends with a part-filled page, so eight
    /// keep the extra requests near one in sixteen, and a chunk still pages at once with the others.
    /// </summary>
    public const int ChunkPages = 8;

    /// <summary>
    /// Once no slice holds two chunks, the pages' worth each half of a halved slice must hold: the last chunks of a
    /// listing are halved rather than paged one request at a time.
    /// </summary>
    public const int LastPiecePages = 2;

    /// <summary>
    /// Slices cut off that have not had a page yet, at most: each may find nothing (past the customer's first
    /// transaction, or in years without any), so this bounds the requests a sparse history can waste.
    /// </summary>
    public const int MostSlicesUnheardFrom = 8;

    /// <summary>
    /// Pages the listing reaches before the first cut: a customer with fewer is not worth a request that may find
    /// nothing (most customers have a page or two, many of them created years before their transactions).
    /// </summary>
    public const int PagesBeforeSlicing = 3;

    /// <summary>
    /// For a customer whose <c>created</c> second is not known (a piped one), the pages its listing reaches, with more
    /// to come, before it is looked up and slicing starts: the lookup is a request of its own.
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
    private readonly int pagesBeforeSlicing;
    private long? floor;
    private bool floorLookedUp;
    private int pagesListed = 1;
    private long transactionsListed;
    private long secondsExplored;
    private bool failed;
    private bool disposed;

    private TransactionSlicer(ListingContext context, string customer, ListOptions template, long order, long? customerCreated)
    {
        this.context = context;
        this.customer = customer;
        this.template = template;
        this.order = order;
        pageSize = template.Limit ?? StripeDefaults.AutoPagingPageSize;
        firstAllowed = template.Created?.FirstSecond ?? long.MinValue;
        lastAllowed = template.Created?.LastSecond ?? long.MaxValue;
        floor = customerCreated is { } created ? Math.Max(created, firstAllowed) : null;
        floorLookedUp = floor is not null;
        pagesBeforeSlicing = floorLookedUp ? PagesBeforeSlicing : PagesBeforeLookUp;
    }

    /// <summary>Slices a listing whose first page, <paramref name="firstPage"/>, said there is more.</summary>
    public static TransactionSlicer Start(ListingContext context, string customer, ListOptions template, long order, long? customerCreated, IReadOnlyList<CustomerBalanceTransaction> firstPage)
    {
        var slicer = new TransactionSlicer(context, customer, template, order, customerCreated);
        var oldest = firstPage[firstPage.Count - 1];

        // The continuation is what the reader reads next: one page ready, as a listing's prefetch, is all it needs.
        var continuation = new Slice(lowest: null, highest: null, top: Second(oldest), cursor: oldest.Id, slicer.pageSize);
        slicer.transactionsListed = firstPage.Count;
        slicer.secondsExplored = Second(firstPage[0]) - Second(oldest) + 1;
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

    private void Run(Slice slice, IDisposable? heldSlot)
    {
        if (!TryStart(token => PageAsync(slice, heldSlot, token)))
        {
            heldSlot?.Dispose();
            slice.Buffer.Writer.TryComplete();
        }
    }

    // Under the lock, so that work either starts before DisposeAsync looks at what runs, or not at all.
    private bool TryStart(Func<CancellationToken, Task> work)
    {
        lock (sync)
        {
            if (disposed)
            {
                return false;
            }

            var token = cancellation.Token;
            running.Add(Task.Run(() => work(token), CancellationToken.None));
            return true;
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
                    if (++pagesListed >= PagesBeforeLookUp && !floorLookedUp && !slice.Exhausted)
                    {
                        floorLookedUp = lookUpFloor = true;
                    }
                }

                if (lookUpFloor)
                {
                    TryStart(LookUpFloorAsync);
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
            transactionsListed += kept.Count;
            secondsExplored += Math.Max(0, slice.Top - top);
            slice.Top = top;
            slice.Cursor = last.Id;
        }

        slice.Exhausted = !page.HasMore || kept.Count == 0 || kept.Count < data.Count || repeated;
        slice.HasListed = true;
        if (slice.Exhausted)
        {
            // Whatever of its range it did not reach holds nothing of its own: empty seconds, for the density.
            secondsExplored += Math.Max(0, slice.Top - (slice.Lowest ?? floor ?? slice.Top));
        }

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
            // Without the customer's created second the oldest slice is cut only after each of its pages; the
            // listing's own requests say whatever is wrong.
            return;
        }

        SplitWhileIdle();
    }

    /// <summary>Cuts slices while a request slot is idle (see the remarks).</summary>
    private void SplitWhileIdle()
    {
        var started = new List<(Slice Slice, IDisposable Slot)>();
        lock (sync)
        {
            while (!failed && !disposed && pagesListed >= pagesBeforeSlicing && slices.Count < context.SlicesPerCustomer())
            {
                if (NextCut() is not { } next || context.Slots.TryAcquireIdle() is not { } slot)
                {
                    break;
                }

                var (position, below) = next;
                var cut = slices[position];
                var older = new Slice(cut.Lowest, below, below, cursor: null, (ChunkPages + 1) * pageSize);
                cut.Lowest = below + 1;
                slices.Insert(position + 1, older);
                started.Add((older, slot));
            }
        }

        foreach (var (slice, slot) in started)
        {
            Run(slice, slot);
        }
    }

    /// <summary>
    /// Where to cut next: the nearest slice worth a chunk, else the nearest worth halving; null when none is, or when
    /// the nearest worth a chunk has not been heard from and <see cref="MostSlicesUnheardFrom"/> are waiting already
    /// (better to wait for answers than to cut further into what may be empty, or halve what needs no halving).
    /// </summary>
    private (int Position, long Below)? NextCut()
    {
        for (var position = 0; position < slices.Count; position++)
        {
            if (CutPoint(slices[position]) is { } below)
            {
                return !slices[position].HasListed && slices.Count(slice => !slice.HasListed) >= MostSlicesUnheardFrom ? null : (position, below);
            }
        }

        for (var position = 0; position < slices.Count; position++)
        {
            if (HalvingPoint(slices[position]) is { } middle)
            {
                return (position, middle);
            }
        }

        return null;
    }

    /// <summary>
    /// The newest second of the slice that would be cut from <paramref name="slice"/>, which keeps the seconds after
    /// it; null when the slice is not worth cutting (see the remarks).
    /// </summary>
    private long? CutPoint(Slice slice)
    {
        var density = Density;
        if (slice.Exhausted || !(density > 0))
        {
            return null;
        }

        // The slice's current second (Top) is never cut: the slice is inside it, with a cursor.
        var chunk = ChunkPages * pageSize;
        var below = slice.Top - (long)Math.Ceiling(chunk / density);
        var bottom = slice.Lowest ?? floor ?? (firstAllowed == long.MinValue ? null : firstAllowed);
        if (bottom is null)
        {
            return slice.HasListed ? below : null;
        }

        return below >= bottom && (below - bottom.Value + 1) * density >= chunk ? below : null;
    }

    /// <summary>
    /// Transactions a second over everything the listing went through, empty ranges included, so that a dense
    /// second or an empty year moves the estimate only as far as it weighs.
    /// </summary>
    private double Density => transactionsListed / (double)Math.Max(1, secondsExplored);

    /// <summary>The middle second of a slice's unexplored range when each half can be expected to hold <see cref="LastPiecePages"/> pages; else null.</summary>
    private long? HalvingPoint(Slice slice)
    {
        if (slice.Exhausted || (slice.Lowest ?? floor) is not { } bottom)
        {
            return null;
        }

        var unexplored = slice.Top - bottom;
        return unexplored >= 1 && unexplored * Density >= 2 * LastPiecePages * pageSize ? bottom + ((unexplored - 1) / 2) : null;
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

        /// <summary>True once a page of it arrived: before that, nothing says whether it holds anything.</summary>
        public bool HasListed { get; set; }

        /// <summary>True once no more pages are to be asked for.</summary>
        public bool Exhausted { get; set; }

        /// <summary>Why it stopped early; set before <see cref="Buffer"/> completes.</summary>
        public Exception? Failure { get; set; }

        public Channel<CustomerBalanceTransaction> Buffer { get; }
    }
}
