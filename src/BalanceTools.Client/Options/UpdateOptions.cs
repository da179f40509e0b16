namespace BalanceTools.Client;

/// <summary>Parameters for updating a balance transaction; only description and metadata can change.</summary>
public sealed class UpdateOptions
{
    /// <summary>New description; null leaves it as it is, an empty string clears it.</summary>
    public string? Description { get; set; }

    /// <summary>Keys to set; a key whose value is null or empty is removed from the transaction. Other keys stay as they are.</summary>
    public IDictionary<string, string?> Metadata { get; set; } = new Dictionary<string, string?>();

    /// <summary>Remove every metadata key (sends <c>metadata=</c>). Cannot be combined with <see cref="Metadata"/>.</summary>
    public bool ClearMetadata { get; set; }

    /// <summary>Fields to expand in the response.</summary>
    public IList<string> Expand { get; set; } = new List<string>();
}
