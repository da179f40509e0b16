namespace BalanceTools.Client;

/// <summary>
/// The places for list requests in flight that every customer and slice of one export shares: as many as
/// <see cref="InFlightTarget"/> says at the moment, given to waiters in <see cref="RequestPriority"/> order, first come
/// first served among equals.
/// </summary>
/// <remarks>
/// Written here because System.Threading.RateLimiting's <c>ConcurrencyLimiter</c> has a fixed number of permits and
/// serves waiters only oldest or newest first; the export needs a number that follows the measured latency and an
/// order that serves the reader's next customer first.
/// </remarks>
internal sealed class RequestSlots
{
    private readonly Func<int> limit;
    private readonly object sync = new();
    private readonly SortedSet<Waiter> waiters = new(WaiterOrder.Instance);
    private long arrivals;
    private int inUse;

    public RequestSlots(Func<int> limit) => this.limit = limit ?? throw new ArgumentNullException(nameof(limit));

    /// <summary>Places in use.</summary>
    public int InUse
    {
        get
        {
            lock (sync)
            {
                return inUse;
            }
        }
    }

    /// <summary>Waits for a place; dispose the result to give it back.</summary>
    public Task<IDisposable> AcquireAsync(RequestPriority priority, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (sync)
        {
            if (waiters.Count == 0 && inUse < limit())
            {
                inUse++;
                return Task.FromResult<IDisposable>(new Lease(this));
            }

            waiter = new Waiter(priority, arrivals++);
            waiters.Add(waiter);
        }

        waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        return waiter.Granted.Task;
    }

    /// <summary>
    /// A place at once if one is free and nobody who comes before <paramref name="priority"/> waits for it (a free
    /// worker, for new work of that priority); otherwise null.
    /// </summary>
    public IDisposable? TryAcquireIdle(RequestPriority priority)
    {
        lock (sync)
        {
            if (inUse >= limit() || (waiters.Count > 0 && waiters.Min!.Priority.CompareTo(priority) <= 0))
            {
                return null;
            }

            inUse++;
            return new Lease(this);
        }
    }

    private void Release()
    {
        var granted = new List<Waiter>();
        lock (sync)
        {
            inUse--;
            var available = limit();
            while (inUse < available && waiters.Count > 0)
            {
                var first = waiters.Min!;
                waiters.Remove(first);
                inUse++;
                granted.Add(first);
            }
        }

        foreach (var waiter in granted)
        {
            // Granted under the lock, so no longer cancellable: the result is always taken.
            waiter.Registration.Dispose();
            waiter.Granted.TrySetResult(new Lease(this));
        }
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (sync)
        {
            if (!waiters.Remove(waiter))
            {
                return;
            }
        }

        waiter.Granted.TrySetCanceled(cancellationToken);
    }

    private sealed class Waiter
    {
        public Waiter(RequestPriority priority, long arrival)
        {
            Priority = priority;
            Arrival = arrival;
        }

        public RequestPriority Priority { get; }

        public long Arrival { get; }

        public TaskCompletionSource<IDisposable> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class WaiterOrder : IComparer<Waiter>
    {
        public static readonly WaiterOrder Instance = new();

        public int Compare(Waiter? x, Waiter? y)
        {
            var byPriority = x!.Priority.CompareTo(y!.Priority);
            return byPriority != 0 ? byPriority : x.Arrival.CompareTo(y.Arrival);
        }
    }

    private sealed class Lease : IDisposable
    {
        private RequestSlots? owner;

        public Lease(RequestSlots owner) => this.owner = owner;

        public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release();
    }
}
