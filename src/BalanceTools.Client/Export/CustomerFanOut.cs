using System.Threading.Channels;

namespace BalanceTools.Client;

/// <summary>
/// Lists several customers' objects at once and gives them back in the order the customers were added, each
/// customer's objects contiguous and in the order its own listing yields them. Up to <c>width</c> customers (a number
/// that may change as the export goes) are listed concurrently; the first (the head) is read as its pages arrive while the others fill bounded buffers.
/// </summary>
/// <remarks>
/// Memory is bounded by the window, not by the account: each listed customer holds at most
/// <c>bufferPerCustomer</c> objects waiting here, plus the page its listing is reading and one prefetched page. A
/// customer whose buffer is full waits, so a very large head slows the others down rather than growing memory.
/// Nothing here touches the caller's thread: <see cref="NextAsync"/> is the only way out, so a PowerShell cmdlet
/// writes everything from its pipeline thread.
/// </remarks>
public sealed class CustomerFanOut<T> : IAsyncDisposable
{
    private readonly Func<int> width;
    private readonly int bufferPerCustomer;
    private readonly CancellationTokenSource cancellation;
    private readonly Queue<CustomerListing> window = new();
    private bool disposed;

    /// <summary>Creates an empty fan-out that lists up to <paramref name="throttleLimit"/> customers at once.</summary>
    public CustomerFanOut(int throttleLimit, int bufferPerCustomer, CancellationToken cancellationToken)
        : this(FixedWidth(throttleLimit), bufferPerCustomer, cancellationToken)
    {
    }

    /// <summary>Creates an empty fan-out that lists as many customers at once as <paramref name="width"/> says at the time (at least one).</summary>
    internal CustomerFanOut(Func<int> width, int bufferPerCustomer, CancellationToken cancellationToken)
    {
        if (bufferPerCustomer < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(bufferPerCustomer), bufferPerCustomer, "Each customer needs room for at least one object.");
        }

        this.width = width ?? throw new ArgumentNullException(nameof(width));
        this.bufferPerCustomer = bufferPerCustomer;
        cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>True while fewer than the width of customers are being listed or waiting to be read.</summary>
    public bool HasRoom => window.Count < Math.Max(1, width());

    /// <summary>Customers added and not yet fully read.</summary>
    public int Pending => window.Count;

    /// <summary>Objects listed and not yet read, over every customer in the window.</summary>
    public int Buffered => window.Sum(listing => listing.BufferedCount);

    /// <summary>Starts <paramref name="list"/>, the listing of <paramref name="customer"/>; call only while <see cref="HasRoom"/>.</summary>
    public void Add(string customer, Func<CancellationToken, IAsyncEnumerable<T>> list)
    {
        if (list is null)
        {
            throw new ArgumentNullException(nameof(list));
        }

        if (!HasRoom)
        {
            throw new InvalidOperationException($"{window.Count} customers are already being listed; read from the fan-out before adding more.");
        }

        // A customer that is at once the head is read at the reader's pace, like a single -All listing, so a reader
        // that stops after a few objects costs one request; the others run ahead into their buffers.
        window.Enqueue(window.Count == 0
            ? CustomerListing.Direct(customer, list, cancellation.Token)
            : CustomerListing.Buffered(customer, list, bufferPerCustomer, cancellation.Token));
    }

    /// <summary>
    /// The next event in order: an object of the head customer, or the end of the head customer (done or failed).
    /// With <paramref name="wait"/> false, null when the head has nothing ready yet; with it true, null only when no
    /// customer is pending.
    /// </summary>
    public async ValueTask<FanOutEvent<T>?> NextAsync(bool wait, CancellationToken cancellationToken = default)
    {
        while (window.Count > 0)
        {
            // Cancelled, the fan-out ends in OperationCanceledException, never in each pending customer reported as
            // failed by the cancellation: which of the two a reader saw used to depend on how fast listings stopped.
            cancellation.Token.ThrowIfCancellationRequested();
            var head = window.Peek();
            if (head.IsDirect)
            {
                if (!wait)
                {
                    return null;
                }

                var read = await head.ReadDirectAsync(cancellationToken).ConfigureAwait(false);
                if (read is not null)
                {
                    return read;
                }
            }
            else if (head.Reader.TryRead(out var item))
            {
                return FanOutEvent<T>.ForItem(head.Customer, item);
            }

            if (head.IsFinished)
            {
                window.Dequeue();
                await head.DisposeDirectAsync().ConfigureAwait(false);
                return FanOutEvent<T>.ForEnd(head.Customer, head.Failure);
            }

            if (!wait)
            {
                return null;
            }

            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation.Token, cancellationToken);
            await head.Reader.WaitToReadAsync(linked.Token).ConfigureAwait(false);
        }

        return null;
    }

    private static Func<int> FixedWidth(int throttleLimit) => throttleLimit < 1
        ? throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "At least one customer must be listed at a time.")
        : () => throttleLimit;

    /// <summary>Cancels every listing still running and waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        cancellation.Cancel();
        foreach (var listing in window)
        {
            await listing.Completion.ConfigureAwait(false);
            await listing.DisposeDirectAsync().ConfigureAwait(false);
        }

        window.Clear();
        cancellation.Dispose();
    }

    /// <summary>One customer's listing: read directly by the reader, or run ahead by a task into a bounded buffer.</summary>
    private sealed class CustomerListing
    {
        private readonly Channel<T> buffer;
        private IAsyncEnumerator<T>? direct;

        private CustomerListing(string customer, int capacity)
        {
            Customer = customer;
            buffer = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true });
        }

        public string Customer { get; }

        public ChannelReader<T> Reader => buffer.Reader;

        public int BufferedCount => direct is null ? buffer.Reader.Count : 0;

        public bool IsDirect => direct is not null;

        public bool IsFinished => buffer.Reader.Completion.IsCompleted;

        /// <summary>Why the listing ended early; null when it ran to the end. Set before the listing counts as finished.</summary>
        public Exception? Failure { get; private set; }

        public Task Completion { get; private set; } = Task.CompletedTask;

        public static CustomerListing Direct(string customer, Func<CancellationToken, IAsyncEnumerable<T>> list, CancellationToken cancellationToken)
        {
            var listing = new CustomerListing(customer, 1);
            listing.direct = list(cancellationToken).GetAsyncEnumerator(cancellationToken);
            return listing;
        }

        public static CustomerListing Buffered(string customer, Func<CancellationToken, IAsyncEnumerable<T>> list, int capacity, CancellationToken cancellationToken)
        {
            var listing = new CustomerListing(customer, capacity);
            listing.Completion = Task.Run(() => listing.FillAsync(list, cancellationToken), CancellationToken.None);
            return listing;
        }

        /// <summary>The next object read directly, or null once the listing ended (see <see cref="Failure"/>).</summary>
        public async ValueTask<FanOutEvent<T>?> ReadDirectAsync(CancellationToken cancellationToken)
        {
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (await direct!.MoveNextAsync().ConfigureAwait(false))
                {
                    return FanOutEvent<T>.ForItem(Customer, direct.Current);
                }
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                Failure = exception;
            }

            buffer.Writer.TryComplete();
            return null;
        }

        public async ValueTask DisposeDirectAsync()
        {
            if (direct is not null)
            {
                await direct.DisposeAsync().ConfigureAwait(false);
                direct = null;
            }
        }

        private async Task FillAsync(Func<CancellationToken, IAsyncEnumerable<T>> list, CancellationToken cancellationToken)
        {
            try
            {
                await foreach (var item in list(cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    await buffer.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception)
            {
                Failure = exception;
            }
            finally
            {
                buffer.Writer.TryComplete();
            }
        }
    }
}
