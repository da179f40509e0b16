namespace BalanceTools.Benchmarks;

/// <summary>
/// A customer's transaction ids, in order, reduced to one value, so the child process that exported the customer and
/// the parent that seeded it compare orders without passing a big customer's 20,000 ids between them.
/// </summary>
/// <remarks>
/// 64-bit FNV-1a over each id's characters and a separator: order-sensitive, allocation-free per row (so it does
/// not weigh on the export's peak working set), and with no adversary here a chance collision is negligible.
/// </remarks>
public sealed class ListingDigest
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private ulong state = OffsetBasis;

    /// <summary>The digest of a listing without transactions.</summary>
    public static string Empty { get; } = new ListingDigest().Finish();

    public static string Of(IEnumerable<string> idsInOrder)
    {
        var digest = new ListingDigest();
        foreach (var id in idsInOrder)
        {
            digest.Append(id);
        }

        return digest.Finish();
    }

    public void Append(string id)
    {
        foreach (var character in id)
        {
            Mix(character);
        }

        // Ids never hold a newline, so the separator keeps "ab","c" apart from "a","bc".
        Mix('\n');
    }

    /// <summary>The digest so far, and a fresh start for the next listing.</summary>
    public string Finish()
    {
        var value = state.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        Reset();
        return value;
    }

    /// <summary>Forgets what was appended, for the next listing.</summary>
    public void Reset() => state = OffsetBasis;

    private void Mix(char character)
    {
        state = (state ^ character) * Prime;
    }
}
