namespace BalanceTools.Client;

/// <summary>Expand paths as a person writes them, turned into the paths Stripe expects.</summary>
public static class ExpandPaths
{
    private const string ListItemPrefix = "data.";

    /// <summary>
    /// For a list, Stripe wants paths below <c>data.</c> (<c>data.invoice</c>); a field named as for a single object
    /// (<c>invoice</c>) is prefixed so the same <c>-Expand</c> value works for both.
    /// </summary>
    public static IList<string> ForListItems(IEnumerable<string> fields) =>
        fields.Select(field => field.StartsWith(ListItemPrefix, StringComparison.Ordinal) ? field : ListItemPrefix + field).ToList();
}
