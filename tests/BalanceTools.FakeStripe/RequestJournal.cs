namespace BalanceTools.FakeStripe;

/// <summary>Every request the server received, including those a fault answered.</summary>
public sealed class RequestJournal
{
    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];
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

    /// <summary>A copy of the recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToArray();
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

    internal void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
        }
    }

    internal void Entered() => Interlocked.Increment(ref _inFlight);

    internal void Left() => Interlocked.Decrement(ref _inFlight);
}
