namespace BalanceTools.FakeStripe;

/// <summary>A customer's state at one instant, for the expanded <c>customer</c> field.</summary>
internal readonly record struct CustomerSnapshot(string Id, long Balance, string? Currency);
