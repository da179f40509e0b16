namespace BalanceTools.Client;

/// <summary>Parameters of the customers list, as far as an export needs them.</summary>
public sealed class CustomerListOptions
{
    /// <summary>Bounds on when the customer was created.</summary>
    public CreatedFilter? Created { get; set; }

    /// <summary>Cursor: customers created before this one (the listing is newest first).</summary>
    public string? StartingAfter { get; set; }
}
