namespace BalanceTools.Client;

/// <summary>The fields of a Stripe customer that an export of balance transactions needs.</summary>
public sealed class StripeCustomer : IStripeListItem
{
    /// <summary>Unique identifier, <c>cus_…</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>When the customer was created, in UTC.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The customer's email address, if any.</summary>
    public string? Email { get; init; }

    /// <summary>The customer's name, if any.</summary>
    public string? Name { get; init; }

    /// <summary>The currency of the customer's balance, once it has one.</summary>
    public string? Currency { get; init; }

    /// <summary>The current balance in minor units; negative is credit the customer can spend.</summary>
    public long Balance { get; init; }
}
