using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// What the fake server's journal says about one run's requests (those sent for its <c>Stripe-Account</c>): how many
/// it admitted, how many it refused with 429, and the rate it admitted them at, as Stripe would count them.
/// </summary>
public sealed record RequestTally(int Admitted, int RateLimited, int Unanswered, double AdmittedPerSecond)
{
    public static RequestTally For(RequestJournal journal, string account)
    {
        var requests = journal.Snapshot()
            .Where(r => r.Headers.TryGetValue("stripe-account", out var sent) && sent == account)
            .ToList();
        var admitted = requests.Count(r => r.Status is >= 200 and < 300);
        var rateLimited = requests.Count(r => r.Status == 429);
        var unanswered = requests.Count - admitted - rateLimited;
        if (requests.Count == 0)
        {
            return new RequestTally(0, 0, 0, 0);
        }

        // From the first arrival to the last answer: the span the server was busy with this run. Refused requests are
        // left out of the rate because they are not work done; they are counted on their own.
        var span = requests.Max(r => r.CompletedAt) - requests.Min(r => r.ReceivedAt);
        return new RequestTally(admitted, rateLimited, unanswered, admitted / span.TotalSeconds);
    }
}
