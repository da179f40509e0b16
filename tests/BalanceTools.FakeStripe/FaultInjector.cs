namespace BalanceTools.FakeStripe;

/// <summary>
/// A queue of faults. Each request takes the oldest queued fault whose filter it matches, so faults
/// fire in FIFO order and each fires once.
/// </summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<QueuedFault> _queue = [];

    internal FaultInjector()
    {
    }

    /// <summary>Faults not yet consumed.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    /// <param name="fault">What to do to the request.</param>
    /// <param name="method">Only requests with this HTTP method (case-insensitive); null matches any.</param>
    /// <param name="pathContains">Only requests whose raw path contains this text (ordinal); null matches any.</param>
    /// <param name="queryContains">Only requests whose raw query string contains this text (ordinal), e.g. a page's cursor; null matches any.</param>
    public void Enqueue(Fault fault, string? method = null, string? pathContains = null, string? queryContains = null)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _queue.Add(new QueuedFault(fault, method, pathContains, queryContains));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _queue.Clear();
        }
    }

    internal Fault? TakeFor(string method, string rawPath, string rawQuery)
    {
        lock (_gate)
        {
            var index = _queue.FindIndex(queued => queued.Matches(method, rawPath, rawQuery));
            if (index < 0)
            {
                return null;
            }

            var fault = _queue[index].Fault;
            _queue.RemoveAt(index);
            return fault;
        }
    }

    private sealed record QueuedFault(Fault Fault, string? Method, string? PathContains, string? QueryContains)
    {
        public bool Matches(string method, string rawPath, string rawQuery) =>
            (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
            && (PathContains is null || rawPath.Contains(PathContains, StringComparison.Ordinal))
            && (QueryContains is null || rawQuery.Contains(QueryContains, StringComparison.Ordinal));
    }
}
