using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Lets date parameters take Unix seconds as well as dates. A date of unspecified kind (a <c>[datetime]</c>
/// literal) is taken as UTC so a script filters the same way on every machine; use <c>Get-Date</c> for local time.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TimestampTransformationAttribute : PlainTransformationAttribute
{
    /// <inheritdoc />
    protected override object? Convert(object? inputData) => StripeTimestamp.From(PSValue.Unwrap(inputData)).UtcDateTime;
}
