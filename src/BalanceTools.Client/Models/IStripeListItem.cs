namespace BalanceTools.Client;

/// <summary>An object of a Stripe list: its id is the cursor for the next page.</summary>
public interface IStripeListItem
{
    /// <summary>The object's id.</summary>
    string Id { get; }
}
