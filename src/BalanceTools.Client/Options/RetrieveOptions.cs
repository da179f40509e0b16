namespace BalanceTools.Client;

/// <summary>Parameters for retrieving one balance transaction.</summary>
public sealed class RetrieveOptions
{
    /// <summary>Fields to expand, e.g. <c>invoice</c>.</summary>
    public IList<string> Expand { get; set; } = new List<string>();
}
