namespace BalanceTools.Client;

/// <summary>
/// A related Stripe object returned in full because it was named in <c>expand</c>. Its fields are kept as plain
/// .NET values (dictionaries, lists, strings, numbers, booleans) so any object type can be represented.
/// </summary>
public sealed class ExpandedObject
{
    internal ExpandedObject(string id, string? objectType, IReadOnlyDictionary<string, object?> fields)
    {
        Id = id;
        Object = objectType;
        Fields = fields;
    }

    /// <summary>The object's id.</summary>
    public string Id { get; }

    /// <summary>The object's type, e.g. <c>customer</c> or <c>invoice</c>.</summary>
    public string? Object { get; }

    /// <summary>All fields of the object as Stripe sent them.</summary>
    public IReadOnlyDictionary<string, object?> Fields { get; }

    /// <summary>The id, so that an expanded reference reads like an unexpanded one.</summary>
    public override string ToString() => Id;
}
