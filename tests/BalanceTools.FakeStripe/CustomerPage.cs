namespace BalanceTools.FakeStripe;

/// <summary>One page of the customers list, newest first, each customer as it was when the page was read.</summary>
internal sealed record CustomerPage(IReadOnlyList<CustomerSnapshot> Items, bool HasMore);
