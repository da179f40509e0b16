namespace BalanceTools.FakeStripe;

/// <summary>
/// Ends one request exactly once: frees its concurrency slot and records its status and completion time. The pipeline
/// calls it just before the response goes out, never after: a client that has its response must find the slot free
/// (or its next request could be refused for a request already answered) and the journal entry complete.
/// </summary>
internal sealed class RequestCompletion(RequestJournal journal, RequestJournal.Entry entry, Admission admission)
{
    private int _finished;

    /// <param name="status">The status about to be sent, or 0 when the request gets no response.</param>
    public void Finish(int status)
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
        {
            return;
        }

        admission.Release();
        journal.Complete(entry, status, DateTimeOffset.UtcNow);
    }
}
