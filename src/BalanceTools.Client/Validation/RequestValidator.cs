namespace BalanceTools.Client;

/// <summary>
/// Checks parameters against Stripe's documented limits before anything is sent, so a bad value costs no request
/// (and no rate-limit budget). Failures are <see cref="StripeInputException"/>s naming the Stripe parameter.
/// </summary>
internal static class RequestValidator
{
    public const int MaxMetadataKeys = 50;
    public const int MaxMetadataKeyLength = 40;
    public const int MaxMetadataValueLength = 500;
    public const int MinLimit = 1;
    public const int MaxLimit = 100;

    /// <summary>The id rules of <see cref="StripeIdKind"/>, the same the cmdlets apply while binding.</summary>
    public static void Id(string? value, StripeIdKind kind, string parameter)
    {
        if (kind.Problem(value) is { } problem)
        {
            throw new StripeInputException(problem, parameter);
        }
    }

    public static void OptionalId(string? value, StripeIdKind kind, string parameter)
    {
        if (value is not null)
        {
            Id(value, kind, parameter);
        }
    }

    /// <summary>Returns the currency in the lowercase form Stripe requires.</summary>
    public static string Currency(string? value)
    {
        if (InputRules.Currency(value) is { } problem)
        {
            throw new StripeInputException(problem, "currency");
        }

        return value!.ToLowerInvariant();
    }

    public static void Description(string? value)
    {
        if (InputRules.TextLength(value, InputRules.MaxDescriptionLength) is { } problem)
        {
            throw new StripeInputException("Description: " + problem, "description");
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
                throw new StripeInputException("A metadata key is empty; every key needs a name.", "metadata");
            }

            if (key.Length > MaxMetadataKeyLength)
            {
                throw new StripeInputException($"Metadata key {InputText.Quote(key)} is {key.Length} characters long; Stripe allows at most {MaxMetadataKeyLength}.", $"metadata[{key}]");
            }

            if (key.IndexOf('[') >= 0 || key.IndexOf(']') >= 0)
            {
                throw new StripeInputException($"Metadata key {InputText.Quote(key)} contains a square bracket, which Stripe does not allow in keys.", $"metadata[{key}]");
            }

            var value = entry.Value?.ToString();
            if (value is not null && value.Length > MaxMetadataValueLength)
            {
                throw new StripeInputException($"The value of metadata key '{key}' is {value.Length} characters long; Stripe allows at most {MaxMetadataValueLength}.", $"metadata[{key}]");
            }
        }

        if (count > MaxMetadataKeys)
        {
            throw new StripeInputException($"Metadata may have at most {MaxMetadataKeys} keys; {count} were given.", "metadata");
        }
    }

    public static void Limit(int? value)
    {
        if (value is < MinLimit or > MaxLimit)
        {
            throw new StripeInputException($"'limit' must be between {MinLimit} and {MaxLimit}; it is {value}.", "limit");
        }
    }

    public static void Cursors(string? startingAfter, string? endingBefore)
    {
        if (startingAfter is not null && endingBefore is not null)
        {
            throw new StripeInputException("Give either 'starting_after' or 'ending_before', not both.", "ending_before");
        }

        OptionalId(startingAfter, StripeIdKind.BalanceTransaction, "starting_after");
        OptionalId(endingBefore, StripeIdKind.BalanceTransaction, "ending_before");
    }

    public static void Expand(IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            if (InputRules.ExpandField(field) is { } problem)
            {
                throw new StripeInputException(problem, "expand");
            }
        }
    }

    public static void Created(CreatedFilter? created)
    {
        if (created is null)
        {
            return;
        }

        if (created.IsEmpty)
        {
            throw new StripeInputException("The 'created' range is empty: no whole second satisfies all of its bounds.", "created");
        }
    }
}
