namespace BalanceTools.Client;

/// <summary>
/// Which of a key's two rate budgets a request draws from. Stripe counts reads and writes apart (its per-endpoint
/// limit is per method and path), so a bulk credit run does not slow down an export with the same key, nor the
/// reverse.
/// </summary>
public enum RequestBudget
{
    /// <summary>GET requests: lists and retrievals.</summary>
    Reads,

    /// <summary>POST requests: creates and updates.</summary>
    Writes,
}
