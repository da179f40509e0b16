using System.Globalization;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>The -CreatedAfter, -CreatedOnOrAfter, -CreatedBefore and -CreatedOnOrBefore of the listing cmdlets, as one filter.</summary>
internal readonly struct CreatedBounds
{
    private readonly (string Name, DateTime? Value)[] bounds;

    public CreatedBounds(DateTime? after, DateTime? onOrAfter, DateTime? before, DateTime? onOrBefore) =>
        bounds = new[] { ("CreatedAfter", after), ("CreatedOnOrAfter", onOrAfter), ("CreatedBefore", before), ("CreatedOnOrBefore", onOrBefore) };

    public CreatedFilter Filter => new()
    {
        GreaterThan = AsUtc(bounds[0].Value),
        GreaterThanOrEqual = AsUtc(bounds[1].Value),
        LessThan = AsUtc(bounds[2].Value),
        LessThanOrEqual = AsUtc(bounds[3].Value),
    };

    /// <summary>A refusal when no second satisfies every bound, naming them; null when some do.</summary>
    public System.Management.Automation.ErrorRecord? Contradiction() =>
        Filter.IsEmpty
            ? ErrorRecords.InvalidParameters($"No transaction can match these dates: {Describe()}. Check which bound is which.", "Created")
            : null;

    private static DateTimeOffset? AsUtc(DateTime? value) => value is { } date ? StripeTimestamp.From(date) : null;

    private string Describe() => string.Join(", ", bounds.Where(bound => bound.Value is not null)
        .Select(bound => $"-{bound.Name} {bound.Value!.Value.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"));
}
