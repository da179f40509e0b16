namespace BalanceTools.Client;

/// <summary>One page of a Stripe list.</summary>
public sealed class StripeList<T>
{
    internal StripeList(IReadOnlyList<T> data, bool hasMore, string? url)
    {
        Data = data;
        HasMore = hasMore;
        Url = url;
    }

    /// <summary>The objects of this page, in the order Stripe returned them (newest first).</summary>
    public IReadOnlyList<T> Data { get; }

    /// <summary>True when more objects exist beyond this page in the direction of paging.</summary>
    public bool HasMore { get; }

    /// <summary>The list's URL path.</summary>
    public string? Url { get; }
}
