using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BalanceTools.Client;

/// <summary>
/// The idempotency key of each row of a bulk write. Without a prefix every row gets a random key (safe against its
/// own retries only). With one, the key is deterministic: <c>prefix-hash-n</c>, the hash being of what the write
/// does (customer, transaction, amount, currency, description, metadata; not <c>expand</c>, which changes only the
/// answer) and <c>n</c> counting the rows with that same hash so far, so two identical rows are two writes. A re-run
/// of the same rows within Stripe's 24-hour idempotency window therefore sends the same keys and Stripe returns the
/// first results instead of applying them again.
/// </summary>
/// <remarks>
/// The count is over identical rows rather than over all rows, so a row added, removed or refused while binding (and
/// fixed for the re-run) does not shift the keys of the rows after it: only the row that changed gets a new key.
/// </remarks>
public sealed class RowIdempotencyKeys
{
    /// <summary>The longest prefix: Stripe takes keys up to 255 characters, and the hash and count need the rest.</summary>
    public const int MaxPrefixLength = 200;

    private const int HashCharacters = 16;

    private readonly string? prefix;
    private readonly Dictionary<string, int> occurrences = new(StringComparer.Ordinal);

    /// <summary>Keys under <paramref name="prefix"/>, or random keys when it is null or empty.</summary>
    public RowIdempotencyKeys(string? prefix)
    {
        if (!string.IsNullOrEmpty(prefix) && PrefixProblem(prefix!) is { } problem)
        {
            throw new StripeInputException(problem, "idempotencyKeyPrefix");
        }

        this.prefix = string.IsNullOrEmpty(prefix) ? null : prefix;
    }

    /// <summary>What is wrong with <paramref name="prefix"/> as the start of idempotency keys, or null when nothing is.</summary>
    public static string? PrefixProblem(string prefix)
    {
        if (prefix is null)
        {
            throw new ArgumentNullException(nameof(prefix));
        }

        if (prefix.Length > MaxPrefixLength)
        {
            return $"An idempotency key prefix may be at most {MaxPrefixLength} characters long (Stripe takes keys of up to 255, and each row adds its hash and count); this one has {prefix.Length}.";
        }

        return prefix.Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? $"An idempotency key prefix cannot contain spaces or control characters: {InputText.Quote(prefix)}. Use letters, digits and punctuation, such as 'refunds-2026-11'."
            : null;
    }

    /// <summary>The key for creating <paramref name="options"/> on <paramref name="customer"/>.</summary>
    public string ForCreate(string customer, CreateOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        return Next(new[] { "create", customer, options.Amount.ToString(CultureInfo.InvariantCulture), options.Currency.ToLowerInvariant(), options.Description }
            .Concat(Sorted(options.Metadata)));
    }

    /// <summary>The key for updating transaction <paramref name="id"/> of <paramref name="customer"/> with <paramref name="options"/>.</summary>
    public string ForUpdate(string customer, string id, UpdateOptions options)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        return Next(new[] { "update", customer, id, options.Description, options.ClearMetadata ? "clear" : "keep" }
            .Concat(Sorted(options.Metadata)));
    }

    private static IEnumerable<string?> Sorted<TValue>(IEnumerable<KeyValuePair<string, TValue>> metadata)
        where TValue : class? =>
        metadata.OrderBy(pair => pair.Key, StringComparer.Ordinal).SelectMany(pair => new[] { pair.Key, pair.Value?.ToString() });

    private string Next(IEnumerable<string?> parameters)
    {
        if (prefix is null)
        {
            return Guid.NewGuid().ToString();
        }

        var hash = Hash(parameters);
        occurrences.TryGetValue(hash, out var count);
        occurrences[hash] = ++count;
        return prefix + "-" + hash + "-" + count.ToString(CultureInfo.InvariantCulture);
    }

    // Each value is written with its length (null as -1), so no two different lists of values give the same text.
    private static string Hash(IEnumerable<string?> parameters)
    {
        var text = new StringBuilder();
        foreach (var value in parameters)
        {
            text.Append(value is null ? -1 : value.Length).Append(':').Append(value).Append('|');
        }

        using var sha = SHA256.Create();
        var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString()));
        var hex = new StringBuilder(HashCharacters);
        foreach (var b in digest.Take(HashCharacters / 2))
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
