namespace BalanceTools.FakeStripe;

/// <summary>The descriptive fields of a customer, fixed when it is created (the fake has no customer update).</summary>
internal sealed record CustomerProfile(string? Name, string? Email, string? Description)
{
    public static CustomerProfile Empty { get; } = new(null, null, null);
}
