namespace BalanceTools.Client;

/// <summary>Parameters of the customers list, as far as an export needs them.</summary>
public sealed class CustomerListOptions
{
    /// <summary>Customers per page, 1 to 100; 100 unless given.</summary>
    public int? Limit { get; set; }

    /// <summary>Bounds on when the customer was created.</summary>
    public CreatedFilter? Created { get; set; }

    /// <summary>Cursor: customers created before this one (the listing is newest first).</summary>
    public string? StartingAfter { get; set; }
}
