namespace BalanceTools.Client;

/// <summary>
/// How far an export has gone through the account's customer listing (newest first): the <c>created</c> second of
/// the last customer reached and the ids of every customer of that second reached so far.
/// </summary>
/// <remarks>
/// Not a customer id: Stripe refuses a <c>starting_after</c> naming a customer that was deleted since, and customers
/// are deleted routinely. The <c>created</c> second always remains, so the listing can continue with
/// <c>created[lte]</c> at that second and skip the customers of the second already reached; many customers share a
/// second after a bulk import, so the ties are kept exactly, by id.
/// </remarks>
public sealed class CustomerPosition
{
    private readonly HashSet<string> idsAtSecond;

    /// <summary>A position at <paramref name="createdSecond"/> (Unix seconds) after the customers <paramref name="idsAtSecond"/>.</summary>
    public CustomerPosition(long createdSecond, IEnumerable<string> idsAtSecond)
    {
        CreatedSecond = createdSecond;
        this.idsAtSecond = new HashSet<string>(idsAtSecond ?? throw new ArgumentNullException(nameof(idsAtSecond)), StringComparer.Ordinal);
    }

    /// <summary>The <c>created</c> second (Unix seconds) of the last customer reached.</summary>
    public long CreatedSecond { get; private set; }

    /// <summary>Every customer of <see cref="CreatedSecond"/> reached so far.</summary>
    public IReadOnlyCollection<string> IdsAtSecond => idsAtSecond;

    /// <summary>The position just after <paramref name="customer"/>, the first customer of a listing.</summary>
    public static CustomerPosition After(StripeCustomer customer) =>
        new(Second(customer ?? throw new ArgumentNullException(nameof(customer))), new[] { customer.Id });

    /// <summary>A copy that can move on without moving this one.</summary>
    public CustomerPosition Copy() => new(CreatedSecond, idsAtSecond);

    /// <summary>True when a newest-first listing from this position already went past <paramref name="customer"/>.</summary>
    public bool HasReached(StripeCustomer customer)
    {
        var second = Second(customer);
        return second > CreatedSecond || (second == CreatedSecond && idsAtSecond.Contains(customer.Id));
    }

    /// <summary>Moves on past <paramref name="customer"/>, the next customer of the listing.</summary>
    public void MovePast(StripeCustomer customer)
    {
        var second = Second(customer);
        if (second != CreatedSecond)
        {
            CreatedSecond = second;
            idsAtSecond.Clear();
        }

        idsAtSecond.Add(customer.Id);
    }

    /// <summary>
    /// The customer listing's <c>created</c> bounds from this position on: <paramref name="bounds"/> with the upper
    /// bound lowered to <see cref="CreatedSecond"/>.
    /// </summary>
    internal CreatedFilter From(CreatedFilter? bounds)
    {
        var last = DateTimeOffset.FromUnixTimeSeconds(CreatedSecond);
        return new CreatedFilter
        {
            GreaterThan = bounds?.GreaterThan,
            GreaterThanOrEqual = bounds?.GreaterThanOrEqual,
            LessThan = bounds?.LessThan,
            LessThanOrEqual = bounds?.LessThanOrEqual is { } until && until < last ? until : last,
        };
    }

    private static long Second(StripeCustomer customer) => customer.Created.ToUnixTimeSeconds();
}
