using BalanceTools.Client;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Counts what an export handed on and checks its shape as it goes: each customer's rows contiguous, no transaction
/// twice, the order of each customer's rows (a <see cref="ListingDigest"/>, for comparison with the server's own
/// listing), and which customers ended in a failure (a 429 that outlasted the retries counted apart).
/// </summary>
/// <remarks>
/// Duplicates are looked for within each customer only, which is exact: a transaction belongs to one customer, and a
/// customer's rows come in one contiguous run or count as out of order. So memory stays at one customer's ids, and
/// the peak working set measures the export rather than this check.
/// </remarks>
public sealed class ExportTally
{
    private readonly Dictionary<string, int> rowsByCustomer = new(StringComparer.Ordinal);
    private readonly HashSet<string> ended = new(StringComparer.Ordinal);
    private readonly HashSet<string> currentIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> digestByCustomer = new(StringComparer.Ordinal);
    private readonly ListingDigest currentDigest = new();
    private string? current;

    public int Rows { get; private set; }

    public int Duplicates { get; private set; }

    /// <summary>Rows of a customer that had ended, or that interrupted another customer's rows.</summary>
    public int OutOfOrder { get; private set; }

    /// <summary>Customers whose listing failed with a 429 after every retry: the rate limit reaching the user.</summary>
    public int RateLimitedFailures { get; private set; }

    public int OtherFailures { get; private set; }

    public string? FirstFailure { get; private set; }

    public IReadOnlyDictionary<string, int> RowsByCustomer => rowsByCustomer;

    /// <summary>
    /// Each ended customer's rows in the order handed on, as a <see cref="ListingDigest"/>: the rows just before its
    /// end, so a customer whose rows were interrupted gets a digest that matches no listing.
    /// </summary>
    public IReadOnlyDictionary<string, string> ListingDigestByCustomer => digestByCustomer;

    public void Row(string customer, CustomerBalanceTransaction transaction)
    {
        if (customer != current)
        {
            if (current is not null && !ended.Contains(current))
            {
                OutOfOrder++;
            }

            current = customer;
            currentIds.Clear();
            currentDigest.Reset();
        }

        if (ended.Contains(customer) || transaction.Customer != customer)
        {
            OutOfOrder++;
        }

        if (!currentIds.Add(transaction.Id))
        {
            Duplicates++;
        }

        currentDigest.Append(transaction.Id);
        rowsByCustomer[customer] = rowsByCustomer.GetValueOrDefault(customer) + 1;
        Rows++;
    }

    public void End(string customer, Exception? failure)
    {
        if (!ended.Add(customer))
        {
            OutOfOrder++;
        }

        rowsByCustomer.TryAdd(customer, 0);
        digestByCustomer[customer] = customer == current ? currentDigest.Finish() : ListingDigest.Empty;
        current = null;
        if (failure is null)
        {
            return;
        }

        if (failure is StripeException { HttpStatus: 429 })
        {
            RateLimitedFailures++;
        }
        else
        {
            OtherFailures++;
        }

        FirstFailure ??= $"{customer}: {failure.GetType().Name}: {failure.Message}";
    }
}
