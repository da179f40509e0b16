namespace BalanceTools.Benchmarks;

/// <summary>
/// How many balance transactions each customer of the whole-account benchmark has: spread evenly over 0 to
/// <see cref="MaxTransactions"/>, the same on every run (fixed seed), with a mean of exactly half the maximum.
/// </summary>
public static class AccountPopulation
{
    public const int MaxTransactions = 500;
    private const int Seed = 20261123;

    /// <summary>The counts, in the order the customers are created; <paramref name="customers"/> must be even.</summary>
    /// <remarks>
    /// Counts come in pairs (n, max - n), so the mean is exact rather than whatever a sample of 200 happens to give,
    /// and the first pair is (0, max), so both edges (a customer without transactions, a full five pages) are there.
    /// The pairs are then shuffled so that large and small customers are mixed through the listing.
    /// </remarks>
    public static int[] TransactionCounts(int customers)
    {
        if (customers < 2 || customers % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(customers), customers, "An even number of at least two customers is needed.");
        }

        var random = new Random(Seed);
        var counts = new int[customers];
        for (var i = 0; i < customers; i += 2)
        {
            var n = i == 0 ? 0 : random.Next(0, MaxTransactions + 1);
            counts[i] = n;
            counts[i + 1] = MaxTransactions - n;
        }

        random.Shuffle(counts);
        return counts;
    }
}
