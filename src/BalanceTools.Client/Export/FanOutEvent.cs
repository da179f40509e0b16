namespace BalanceTools.Client;

/// <summary>What <see cref="CustomerFanOut{T}.NextAsync"/> gives: one object of a customer, or the end of a customer.</summary>
public sealed class FanOutEvent<T>
{
    private FanOutEvent(string customer, bool isEnd, T item, Exception? failure)
    {
        Customer = customer;
        IsEnd = isEnd;
        Item = item;
        Failure = failure;
    }

    /// <summary>The customer the event belongs to.</summary>
    public string Customer { get; }

    /// <summary>True when the customer is finished (see <see cref="Failure"/>); false for an object.</summary>
    public bool IsEnd { get; }

    /// <summary>The object, when <see cref="IsEnd"/> is false.</summary>
    public T Item { get; }

    /// <summary>Why the customer's listing ended early, when it did.</summary>
    public Exception? Failure { get; }

    internal static FanOutEvent<T> ForItem(string customer, T item) => new(customer, false, item, null);

    internal static FanOutEvent<T> ForEnd(string customer, Exception? failure) => new(customer, true, default!, failure);
}
