namespace BalanceTools.FakeStripe;

/// <summary>One page of a list, newest first, with the customer as it was when the page was read.</summary>
internal sealed record TransactionPage(IReadOnlyList<TransactionRecord> Items, bool HasMore, CustomerSnapshot Customer);
