namespace BalanceTools.FakeStripe;

/// <summary>
/// The ascending ledger positions that pass a list's filters: either a contiguous range of the ledger or a
/// slice of an invoice's position index. Either way element lookups and cursor searches are O(1) or O(log n).
/// </summary>
internal readonly struct PositionWindow
{
    private readonly List<int>? _positions;
    private readonly int _from;

    private PositionWindow(List<int>? positions, int from, int to)
    {
        _positions = positions;
        _from = from;
        Count = Math.Max(0, to - from);
    }

    public int Count { get; }

    public int this[int index] => _positions is null ? _from + index : _positions[_from + index];

    public static PositionWindow Contiguous(int from, int to) => new(null, from, to);

    public static PositionWindow Slice(List<int> positions, int from, int to) => new(positions, from, to);

    /// <summary>How many elements lie strictly before ledger position <paramref name="position"/>.</summary>
    public int CountBefore(int position)
    {
        if (_positions is null)
        {
            return Math.Clamp(position - _from, 0, Count);
        }

        var found = _positions.BinarySearch(_from, Count, position, null);
        return (found >= 0 ? found : ~found) - _from;
    }

    /// <summary>How many elements lie at or before ledger position <paramref name="position"/>.</summary>
    public int CountAtOrBefore(int position) => position == int.MaxValue ? Count : CountBefore(position + 1);
}
