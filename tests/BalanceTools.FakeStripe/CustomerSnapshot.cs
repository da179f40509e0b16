namespace BalanceTools.FakeStripe;

/// <summary>A customer's state at one instant, for the customer object and the expanded <c>customer</c> field.</summary>
internal readonly record struct CustomerSnapshot(string Id, long Created, long Balance, string? Currency, CustomerProfile Profile);
