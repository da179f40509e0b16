using System.Collections.ObjectModel;

namespace BalanceTools.FakeStripe;

/// <summary>
/// The metadata changes in one request: <c>metadata=</c> unsets every key, <c>metadata[k]=</c> unsets one,
/// <c>metadata[k]=v</c> sets one. Applying always yields a new dictionary so stored records stay immutable.
/// </summary>
internal sealed class MetadataEdit
{
    private const int MaxKeys = 50;
    private const int MaxKeyLength = 40;
    private const int MaxValueLength = 500;

    private readonly bool _clearAll;
    private readonly List<KeyValuePair<string, string>> _changes;

    private MetadataEdit(bool clearAll, List<KeyValuePair<string, string>> changes)
    {
        _clearAll = clearAll;
        _changes = changes;
    }

    private bool IsEmpty => !_clearAll && _changes.Count == 0;

    public static MetadataEdit From(RequestParameters parameters)
    {
        var bare = parameters.Scalar("metadata");
        var entries = parameters.Hash("metadata");
        if (bare is { Length: > 0 })
        {
            throw new StripeErrorException(StripeErrors.InvalidParameter("metadata", "Invalid object"));
        }

        // Rack-style parsing on Stripe's side cannot make one parameter both a string and a hash.
        if (bare is not null && entries.Count > 0)
        {
            throw new StripeErrorException(StripeErrors.InvalidParameter(
                "metadata", "Invalid metadata: metadata cannot be unset and set in the same request."));
        }

        var changes = new List<KeyValuePair<string, string>>(entries.Count);
        foreach (var (key, value) in entries)
        {
            var param = $"metadata[{key}]";
            if (key.Length == 0 || key.Contains('[', StringComparison.Ordinal) || key.Contains(']', StringComparison.Ordinal))
            {
                throw new StripeErrorException(StripeErrors.InvalidParameter(
                    param, $"Invalid metadata key '{key}': keys must be non-empty and cannot contain square brackets."));
            }

            if (key.Length > MaxKeyLength)
            {
                throw new StripeErrorException(StripeErrors.InvalidParameter(
                    param, $"Metadata keys can have up to {MaxKeyLength} characters; '{key}' has {key.Length}."));
            }

            if (value.Length > MaxValueLength)
            {
                throw new StripeErrorException(StripeErrors.StringTooLong(param, value, MaxValueLength));
            }

            changes.Add(new KeyValuePair<string, string>(key, value));
        }

        return new MetadataEdit(bare is not null, changes);
    }

    public IReadOnlyDictionary<string, string> ApplyTo(IReadOnlyDictionary<string, string> current)
    {
        if (IsEmpty)
        {
            return current;
        }

        var result = _clearAll ? new Dictionary<string, string>(StringComparer.Ordinal) : current.ToDictionary(StringComparer.Ordinal);
        foreach (var (key, value) in _changes)
        {
            if (value.Length == 0)
            {
                result.Remove(key);
            }
            else
            {
                result[key] = value;
            }
        }

        if (result.Count > MaxKeys)
        {
            throw new StripeErrorException(StripeErrors.InvalidParameter(
                "metadata", $"Invalid metadata: metadata can have at most {MaxKeys} keys (this request would leave {result.Count})."));
        }

        return result.Count == 0 ? TransactionRecord.NoMetadata : new ReadOnlyDictionary<string, string>(result);
    }
}
