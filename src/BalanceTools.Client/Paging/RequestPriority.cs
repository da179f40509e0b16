namespace BalanceTools.Client;

/// <summary>
/// Which waiting request goes first: the earlier customer in hand-on order, then, within a customer, the slice of
/// newer transactions. What is handed on next is what the reader waits for; what is far ahead only fills memory.
/// </summary>
internal readonly struct RequestPriority : IComparable<RequestPriority>
{
    public RequestPriority(long customer, long newestSecond)
    {
        Customer = customer;
        NewestSecond = newestSecond;
    }

    /// <summary>The customer's place in the export's order (0 first).</summary>
    public long Customer { get; }

    /// <summary>The newest second the requesting slice may still list; larger goes first.</summary>
    public long NewestSecond { get; }

    public int CompareTo(RequestPriority other)
    {
        var byCustomer = Customer.CompareTo(other.Customer);
        return byCustomer != 0 ? byCustomer : other.NewestSecond.CompareTo(NewestSecond);
    }
}
