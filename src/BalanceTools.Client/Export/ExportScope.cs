using System.Globalization;

namespace BalanceTools.Client;

/// <summary>
/// What an export is of — every customer or the piped ones, with which filters, expansions and file format — so that a
/// run only continues a checkpoint written by the same export, and otherwise says what differs.
/// </summary>
public sealed class ExportScope
{
    private const string EveryCustomer = "every customer";
    private const string PipedCustomers = "piped customers";

    internal ExportScope(string customers, IEnumerable<KeyValuePair<string, string>> settings)
    {
        Customers = customers;
        Settings = settings.ToList();
    }

    /// <summary>"every customer" or "piped customers".</summary>
    public string Customers { get; }

    /// <summary>The filters and the rest, as Stripe's parameter names (and <c>format</c>) with their values, in a fixed order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Settings { get; }

    /// <summary>The scope of an export of <paramref name="transactions"/> of every customer or of piped ones, into <paramref name="format"/> if a file.</summary>
    public static ExportScope For(bool allCustomers, ListOptions transactions, string? format = null)
    {
        if (transactions is null)
        {
            throw new ArgumentNullException(nameof(transactions));
        }

        var settings = (transactions.Created?.Parameters() ?? Enumerable.Empty<KeyValuePair<string, long>>())
            .Select(bound => new KeyValuePair<string, string>(bound.Key, bound.Value.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        AddIfGiven(settings, "invoice", transactions.Invoice);
        AddIfGiven(settings, "starting_after", transactions.StartingAfter);
        AddIfGiven(settings, "ending_before", transactions.EndingBefore);
        settings.AddRange(transactions.Expand.OrderBy(path => path, StringComparer.Ordinal).Select(path => new KeyValuePair<string, string>("expand[]", path)));
        if (format is not null)
        {
            settings.Add(new KeyValuePair<string, string>("format", format));
        }

        return new ExportScope(allCustomers ? EveryCustomer : PipedCustomers, settings);
    }

    /// <summary>In words, e.g. <c>every customer with created[lt]=2000000000&amp;expand[]=data.invoice</c>.</summary>
    public override string ToString() =>
        Settings.Count == 0 ? Customers : Customers + " with " + string.Join("&", Settings.Select(pair => pair.Key + "=" + pair.Value));

    /// <summary>What differs from <paramref name="written"/>, in words; null when nothing does.</summary>
    internal string? DifferenceFrom(ExportScope written)
    {
        var differences = new List<string>();
        if (written.Customers != Customers)
        {
            differences.Add($"it exported {written.Customers}, this run {Customers}");
        }

        foreach (var name in written.Settings.Concat(Settings).Select(pair => pair.Key).Distinct(StringComparer.Ordinal))
        {
            var there = Values(written, name);
            var here = Values(this, name);
            if (there != here)
            {
                differences.Add(string.Format(CultureInfo.InvariantCulture, "{0} is {1} there and {2} here", name, there ?? "not given", here ?? "not given"));
            }
        }

        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static void AddIfGiven(List<KeyValuePair<string, string>> settings, string name, string? value)
    {
        if (value is not null)
        {
            settings.Add(new KeyValuePair<string, string>(name, value));
        }
    }

    private static string? Values(ExportScope scope, string name)
    {
        var values = scope.Settings.Where(pair => pair.Key == name).Select(pair => pair.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }
}
