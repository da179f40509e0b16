namespace BalanceTools.Client;

/// <summary>Parameters for creating a balance transaction.</summary>
public sealed class CreateOptions
{
    /// <summary>Amount in the currency's minor unit (cents); negative credits the customer, positive debits.</summary>
    public long Amount { get; set; }

    /// <summary>Three-letter ISO currency code; normalised to lowercase.</summary>
    public string Currency { get; set; } = string.Empty;

    /// <summary>Free text, at most 350 characters.</summary>
    public string? Description { get; set; }

    /// <summary>Key-value pairs to attach (at most 50 keys; keys up to 40 characters without brackets; values up to 500).</summary>
    public IDictionary<string, string> Metadata { get; set; } = new Dictionary<string, string>();

    /// <summary>Fields to expand in the response.</summary>
    public IList<string> Expand { get; set; } = new List<string>();
}
