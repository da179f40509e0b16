namespace BalanceTools.Client;

/// <summary>
/// Checks parameters against Stripe's documented limits before anything is sent, so a bad value costs no request
/// (and no rate-limit budget). Failures are <see cref="ArgumentException"/>s naming the Stripe parameter.
/// </summary>
internal static class RequestValidator
{
    public const int MaxDescriptionLength = 350;
    public const int MaxMetadataKeys = 50;
    public const int MaxMetadataKeyLength = 40;
    public const int MaxMetadataValueLength = 500;
    public const int MinLimit = 1;
    public const int MaxLimit = 100;

    public static void Id(string? value, string parameter)
    {
        if (value is null || value.Length == 0)
        {
            throw new ArgumentException($"'{parameter}' is required and cannot be empty.", parameter);
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"'{parameter}' cannot contain whitespace or control characters: '{value.Trim()}'.", parameter);
        }

        if (value.Trim('.').Length == 0)
        {
            throw new ArgumentException($"'{parameter}' is not a valid Stripe id: '{value}'.", parameter);
        }
    }

    public static void OptionalId(string? value, string parameter)
    {
        if (value is not null)
        {
            Id(value, parameter);
        }
    }

    /// <summary>Returns the currency in the lowercase form Stripe requires.</summary>
    public static string Currency(string? value)
    {
        if (value is null || value.Length != 3 || !value.All(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z'))
        {
            throw new ArgumentException($"'currency' must be a three-letter ISO 4217 code such as 'usd'; got '{value}'.", "currency");
        }

        return value.ToLowerInvariant();
    }

    public static void Description(string? value)
    {
        if (value is not null && value.Length > MaxDescriptionLength)
        {
            throw new ArgumentException($"'description' may be at most {MaxDescriptionLength} characters; it has {value.Length}.", "description");
        }
    }

    public static void Metadata<TValue>(IEnumerable<KeyValuePair<string, TValue>> metadata)
        where TValue : class?
    {
        var count = 0;
        foreach (var entry in metadata)
        {
            count++;
            var key = entry.Key;
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("Metadata keys cannot be empty.", "metadata");
            }

            if (key.Length > MaxMetadataKeyLength)
            {
                throw new ArgumentException($"Metadata key '{key}' is longer than {MaxMetadataKeyLength} characters.", $"metadata[{key}]");
            }

            if (key.IndexOf('[') >= 0 || key.IndexOf(']') >= 0)
            {
                throw new ArgumentException($"Metadata key '{key}' cannot contain square brackets.", $"metadata[{key}]");
            }

            var value = entry.Value?.ToString();
            if (value is not null && value.Length > MaxMetadataValueLength)
            {
                throw new ArgumentException($"Metadata value for '{key}' is longer than {MaxMetadataValueLength} characters.", $"metadata[{key}]");
            }
        }

        if (count > MaxMetadataKeys)
        {
            throw new ArgumentException($"Metadata may have at most {MaxMetadataKeys} keys; {count} were given.", "metadata");
        }
    }

    public static void Limit(int? value)
    {
        if (value is < MinLimit or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException("limit", value, $"'limit' must be between {MinLimit} and {MaxLimit}.");
        }
    }

    public static void Cursors(string? startingAfter, string? endingBefore)
    {
        if (startingAfter is not null && endingBefore is not null)
        {
            throw new ArgumentException("Give either 'starting_after' or 'ending_before', not both.", "ending_before");
        }

        OptionalId(startingAfter, "starting_after");
        OptionalId(endingBefore, "ending_before");
    }

    public static void Expand(IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (string.IsNullOrWhiteSpace(field) || field.Any(char.IsWhiteSpace))
            {
                throw new ArgumentException($"'expand' entries must be field paths such as 'invoice'; got '{field}'.", "expand");
            }
        }
    }

    public static void Created(CreatedFilter? created)
    {
        if (created is null)
        {
            return;
        }

        if (created.FirstSecond > created.LastSecond)
        {
            throw new ArgumentException("The 'created' range is empty: no whole second satisfies all of its bounds.", "created");
        }
    }
}
