namespace BalanceTools.FakeStripe;

/// <summary>
/// Every request the server received, including those a fault or a rate limiter answered. A request is recorded when
/// it arrives (so tests can watch requests being made) and completed with its status just before its response is
/// sent (so a client that has its response finds the status recorded).
/// </summary>
public sealed class RequestJournal
{
    private readonly object _gate = new();
    private readonly List<Entry> _requests = [];
    private int _inFlight;

    internal RequestJournal()
    {
    }

    /// <summary>Number of requests received since start or the last <see cref="Clear"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Requests currently being handled; lets tests observe prefetching.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>A copy of the recorded requests, oldest first (by arrival).</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.Select(entry => entry.Request).ToArray();
        }
    }

    /// <summary>How many recorded requests were answered with <paramref name="status"/>, e.g. 429 for refusals by the rate limiters.</summary>
    public int CountStatus(int status)
    {
        lock (_gate)
        {
            return _requests.Count(entry => entry.Request.Status == status);
        }
    }

    /// <summary>Forgets the recorded requests (the in-flight count is unaffected).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    internal Entry Record(RecordedRequest request)
    {
        var entry = new Entry(request);
        lock (_gate)
        {
            _requests.Add(entry);
        }

        return entry;
    }

    /// <summary>Fills in how the request ended; an entry forgotten by <see cref="Clear"/> in the meantime stays forgotten.</summary>
    internal void Complete(Entry entry, int status, DateTimeOffset completedAt)
    {
        lock (_gate)
        {
            entry.Request = entry.Request with { Status = status, CompletedAt = completedAt };
        }
    }

    internal void Entered() => Interlocked.Increment(ref _inFlight);

    internal void Left() => Interlocked.Decrement(ref _inFlight);

    /// <summary>A journal slot, so completion can update the record that arrival added.</summary>
    internal sealed class Entry(RecordedRequest request)
    {
        public RecordedRequest Request { get; set; } = request;
    }
}
