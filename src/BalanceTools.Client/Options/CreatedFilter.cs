namespace BalanceTools.Client;

/// <summary>
/// Bounds on <c>created</c>. Stripe compares whole Unix seconds; bounds with a fractional second are rounded so the
/// result is exactly the set the bound describes (e.g. <c>GreaterThanOrEqual</c> 10.5 s becomes <c>gte=11</c>).
/// </summary>
public sealed class CreatedFilter
{
    /// <summary>Strictly after.</summary>
    public DateTimeOffset? GreaterThan { get; set; }

    /// <summary>At or after.</summary>
    public DateTimeOffset? GreaterThanOrEqual { get; set; }

    /// <summary>Strictly before.</summary>
    public DateTimeOffset? LessThan { get; set; }

    /// <summary>At or before.</summary>
    public DateTimeOffset? LessThanOrEqual { get; set; }

    /// <summary>True when no whole second satisfies every bound (after the 2nd and before the 1st, say).</summary>
    public bool IsEmpty => FirstSecond > LastSecond;

    /// <summary>The first Unix second the bounds admit.</summary>
    internal long FirstSecond => Math.Max(
        GreaterThan is { } after ? ToUnixSeconds(after, roundUp: false) + 1 : long.MinValue,
        GreaterThanOrEqual is { } from ? ToUnixSeconds(from, roundUp: true) : long.MinValue);

    /// <summary>The last Unix second the bounds admit.</summary>
    internal long LastSecond => Math.Min(
        LessThan is { } before ? ToUnixSeconds(before, roundUp: true) - 1 : long.MaxValue,
        LessThanOrEqual is { } until ? ToUnixSeconds(until, roundUp: false) : long.MaxValue);

    internal void AppendTo(FormBuilder form)
    {
        foreach (var bound in Parameters())
        {
            form.Add(bound.Key, bound.Value);
        }
    }

    /// <summary>The bounds given, as Stripe's parameters with whole Unix seconds.</summary>
    internal IEnumerable<KeyValuePair<string, long>> Parameters()
    {
        var bounds = new (string Key, DateTimeOffset? Value, bool RoundUp)[]
        {
            ("created[gt]", GreaterThan, false),
            ("created[gte]", GreaterThanOrEqual, true),
            ("created[lt]", LessThan, true),
            ("created[lte]", LessThanOrEqual, false),
        };
        return bounds.Where(bound => bound.Value is not null)
            .Select(bound => new KeyValuePair<string, long>(bound.Key, ToUnixSeconds(bound.Value!.Value, bound.RoundUp)));
    }

    private static long ToUnixSeconds(DateTimeOffset value, bool roundUp)
    {
        var wholeSeconds = value.ToUnixTimeSeconds();
        var hasFraction = value.UtcTicks % TimeSpan.TicksPerSecond != 0;
        return roundUp && hasFraction ? wholeSeconds + 1 : wholeSeconds;
    }
}
