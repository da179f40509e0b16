using System.Globalization;

namespace BalanceTools.Client;

/// <summary>
/// Turns what a script passes as a point in time into a <see cref="DateTimeOffset"/>: a date (a
/// <see cref="DateTime"/> of unspecified kind, such as a <c>[datetime]'2026-11-01'</c> literal, is taken as UTC so
/// a script gives the same result on every machine), a <see cref="DateTimeOffset"/>, Unix seconds as a number or
/// as digits, or an ISO 8601 text.
/// </summary>
public static class StripeTimestamp
{
    /// <summary>Converts <paramref name="value"/>; throws <see cref="StripeInputException"/> when it is not a point in time.</summary>
    public static DateTimeOffset From(object? value) => value switch
    {
        DateTimeOffset offset => offset,
        DateTime { Kind: DateTimeKind.Unspecified } unspecified => new DateTimeOffset(DateTime.SpecifyKind(unspecified, DateTimeKind.Utc)),
        DateTime dateTime => new DateTimeOffset(dateTime.ToUniversalTime()),
        int seconds => DateTimeOffset.FromUnixTimeSeconds(seconds),
        long seconds => DateTimeOffset.FromUnixTimeSeconds(seconds),
        double seconds when seconds == Math.Floor(seconds) && Math.Abs(seconds) < 1e15 => DateTimeOffset.FromUnixTimeSeconds((long)seconds),
        decimal seconds when seconds == decimal.Floor(seconds) && Math.Abs(seconds) < 1e15m => DateTimeOffset.FromUnixTimeSeconds((long)seconds),
        string text => Parse(text),
        _ => throw new StripeInputException($"{InputText.Quote(Convert.ToString(value, CultureInfo.InvariantCulture))} is not a date or a number of Unix seconds.", nameof(value)),
    };

    private static DateTimeOffset Parse(string text)
    {
        var trimmed = text.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new StripeInputException($"{InputText.Quote(text)} is not a date (write it as 2026-11-01 or 2026-11-01T09:30:00Z) or a number of Unix seconds.", "value");
    }
}
