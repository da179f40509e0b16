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
        var waiter = new Waiter(priority);
        List<Waiter> granted;
        lock (sync)
        {
            waiter.Arrival = arrivals++;
            waiters.Add(waiter);
            granted = GrantLocked();
        }

        Complete(granted);
        if (!waiter.Granted.Task.IsCompleted)
        {
            waiter.Registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
        }

        return waiter.Granted.Task;
    }

    /// <summary>
    /// A place at once if one is free after every waiter was served (a free worker, for new work); otherwise null.
    /// </summary>
    public IDisposable? TryAcquireIdle()
    {
        List<Waiter> granted;
        var idle = false;
        lock (sync)
        {
            granted = GrantLocked();
            if (inUse < limit())
            {
                inUse++;
                idle = true;
            }
        }

        Complete(granted);
        return idle ? new Lease(this) : null;
    }

    private void Release()
    {
        List<Waiter> granted;
        lock (sync)
        {
            inUse--;
            granted = GrantLocked();
        }

        Complete(granted);
    }

    // The limit can rise between two releases, so every entry point grants what has become free.
    private List<Waiter> GrantLocked()
    {
        var granted = new List<Waiter>();
        var available = limit();
        while (inUse < available && waiters.Count > 0)
        {
            var first = waiters.Min!;
            waiters.Remove(first);
            inUse++;
            granted.Add(first);
        }

        return granted;
    }

    // Outside the lock: a waiter's continuation must not run while it is held. Granted under the lock, a waiter is
    // no longer cancellable, so its result is always taken.
    private void Complete(List<Waiter> granted)
    {
        foreach (var waiter in granted)
        {
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
        public Waiter(RequestPriority priority) => Priority = priority;

        public RequestPriority Priority { get; }

        public long Arrival { get; set; }

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
