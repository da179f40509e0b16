namespace BalanceTools.FakeStripe;

/// <summary>
/// Stripe's cursor paging over a filtered window kept oldest first, shared by every list so they page alike:
/// pages run newest first, <c>starting_after</c> continues towards older objects and <c>ending_before</c> goes back
/// towards newer ones.
/// </summary>
internal static class ListPaging
{
    /// <summary>
    /// The window indexes <c>[Start, End)</c> of the page (to be emitted from <c>End - 1</c> down to <c>Start</c>) and
    /// whether more objects lie beyond it in the paging direction.
    /// </summary>
    /// <param name="window">The objects passing the list's filters, oldest first.</param>
    /// <param name="limit">The page size.</param>
    /// <param name="startingAfter">The store position of the <c>starting_after</c> cursor, if given.</param>
    /// <param name="endingBefore">The store position of the <c>ending_before</c> cursor, if given.</param>
    public static (int Start, int End, bool HasMore) Select(PositionWindow window, int limit, int? startingAfter, int? endingBefore)
    {
        if (endingBefore is { } before)
        {
            // The page is the 'limit' objects just newer than the cursor; has_more says whether even newer ones exist.
            var start = window.CountAtOrBefore(before);
            var end = Math.Min(window.Count, start + limit);
            return (start, end, end < window.Count);
        }

        var last = startingAfter is { } after ? window.CountBefore(after) : window.Count;
        var first = Math.Max(0, last - limit);
        return (first, last, first > 0);
    }

    /// <summary>The page's objects, newest first.</summary>
    public static T[] NewestFirst<T>(PositionWindow window, (int Start, int End, bool HasMore) page, Func<int, T> atPosition)
    {
        var items = new T[page.End - page.Start];
        for (var k = page.End - 1; k >= page.Start; k--)
        {
            items[page.End - 1 - k] = atPosition(window[k]);
        }

        return items;
    }

    /// <summary>The first index in <c>[0, count)</c> at which the monotone <paramref name="reached"/> holds, or <paramref name="count"/>.</summary>
    public static int FirstIndexWhere(int count, Func<int, bool> reached)
    {
        int low = 0, high = count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (reached(middle))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
