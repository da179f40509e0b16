namespace BalanceTools.FakeStripe;

/// <summary>
/// An inclusive range of <c>created</c> values. Int128 bounds let <c>created[gt]=9223372036854775807</c>
/// become an empty range instead of overflowing.
/// </summary>
internal readonly record struct CreatedRange(Int128 MinInclusive, Int128 MaxInclusive)
{
    public static CreatedRange All { get; } = new(long.MinValue, long.MaxValue);

    public CreatedRange Exactly(long value) => new(Int128.Max(MinInclusive, value), Int128.Min(MaxInclusive, value));

    public CreatedRange GreaterThan(long value) => new(Int128.Max(MinInclusive, (Int128)value + 1), MaxInclusive);

    public CreatedRange AtLeast(long value) => new(Int128.Max(MinInclusive, value), MaxInclusive);

    public CreatedRange LessThan(long value) => new(MinInclusive, Int128.Min(MaxInclusive, (Int128)value - 1));

    public CreatedRange AtMost(long value) => new(MinInclusive, Int128.Min(MaxInclusive, value));
}
