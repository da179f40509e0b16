namespace BalanceTools.FakeStripe;

/// <summary>A validated list request. At most one of the cursors is set.</summary>
internal sealed record ListQuery(
    int Limit,
    string? StartingAfter,
    string? EndingBefore,
    CreatedRange Created,
    string? Invoice,
    Expansions Expand);
