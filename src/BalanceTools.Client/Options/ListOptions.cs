namespace BalanceTools.Client;

/// <summary>Parameters of the list endpoint.</summary>
public sealed class ListOptions
{
    /// <summary>Objects per page, 1 to 100. Stripe's default for one page is 10; auto-paging defaults to 100.</summary>
    public int? Limit { get; set; }

    /// <summary>Cursor: return objects older than this id (the next page).</summary>
    public string? StartingAfter { get; set; }

    /// <summary>Cursor: return objects newer than this id (the previous page). Auto-paging then walks towards the newest.</summary>
    public string? EndingBefore { get; set; }

    /// <summary>Bounds on the creation time.</summary>
    public CreatedFilter? Created { get; set; }

    /// <summary>Only transactions related to this invoice.</summary>
    public string? Invoice { get; set; }

    /// <summary>Fields to expand, e.g. <c>data.invoice</c>.</summary>
    public IList<string> Expand { get; set; } = new List<string>();

    internal ListOptions WithCursor(int limit, string? startingAfter, string? endingBefore) => new()
    {
        Limit = limit,
        StartingAfter = startingAfter,
        EndingBefore = endingBefore,
        Created = Created,
        Invoice = Invoice,
        Expand = Expand,
    };
}
