namespace BalanceTools.Benchmarks;

/// <summary>
/// The big-customer account: many small customers and one customer with a long history among them, the same on
/// every run (fixed seed). One customer's list is one cursor chain, so it pages one request per latency however many
/// customers run beside it: this account shows whether an export still reaches the rate limit when most of its work
/// is one customer.
/// </summary>
public static class BigCustomerPopulation
{
    public const int MaxSmallTransactions = 9;
    private const int Seed = 20261124;

    /// <summary>
    /// The counts in the order the customers are created: <paramref name="smallCustomers"/> of 0 to
    /// <see cref="MaxSmallTransactions"/>, and <paramref name="bigTransactions"/> at <see cref="BigIndex"/>.
    /// </summary>
    public static int[] TransactionCounts(int smallCustomers, int bigTransactions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(smallCustomers, 2);
        var random = new Random(Seed);
        var counts = new List<int>(smallCustomers + 1);
        for (var i = 0; i < smallCustomers; i++)
        {
            counts.Add(random.Next(0, MaxSmallTransactions + 1));
        }

        counts.Insert(BigIndex(smallCustomers), bigTransactions);
        return counts.ToArray();
    }

    /// <summary>
    /// Where the big customer is created: in the middle, so that the listing (newest first) neither starts nor ends
    /// with it and an export has customers to run before, beside and after it.
    /// </summary>
    public static int BigIndex(int smallCustomers) => smallCustomers / 2;
}
