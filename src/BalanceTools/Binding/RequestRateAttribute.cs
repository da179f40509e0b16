using System.Globalization;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Requests per second, from a number or text; refused in plain words when it is not a usable rate.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class RequestRateAttribute : PlainTransformationAttribute
{
    /// <inheritdoc />
    protected override object? Convert(object? inputData)
    {
        var value = PSValue.Unwrap(inputData);
        return InputRules.RequestRate(value) is { } problem
            ? throw new StripeInputException(problem, "maxRequestsPerSecond")
            : System.Convert.ToDouble(value is string text ? text.Trim() : value, CultureInfo.InvariantCulture);
    }
}
