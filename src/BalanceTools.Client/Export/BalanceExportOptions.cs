namespace BalanceTools.Client;

/// <summary>Settings of a <see cref="BalanceExport"/>.</summary>
public sealed class BalanceExportOptions
{
    /// <summary>
    /// The most list requests in flight, and customers listed, at once (1 to 64); null (the default) sizes it from the
    /// rate limit and the measured latency (see <see cref="InFlightTarget"/>).
    /// </summary>
    public int? ThrottleLimit { get; set; }

    /// <summary>Transactions each customer may hold ready while it waits for its turn.</summary>
    public int BufferPerCustomer { get; set; } = StripeDefaults.BufferPerCustomer;

    /// <summary>
    /// What each customer's listing asks for: created bounds, expanded fields, a starting cursor. The page size is
    /// Stripe's maximum unless given.
    /// </summary>
    public ListOptions Transactions { get; set; } = new();

    /// <summary>Where the progress is kept so that a re-run continues; null for none.</summary>
    public string? CheckpointPath { get; set; }

    /// <summary>Per-request options (idempotency does not apply to reads; the key and account do).</summary>
    public RequestOptions? RequestOptions { get; set; }

    /// <summary>Told, in words, when a save of the checkpoint starts and when it is complete; null for silence.</summary>
    public Action<string>? Trace { get; set; }
}
