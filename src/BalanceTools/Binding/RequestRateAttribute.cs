using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Requests per second, from a number or text; refused in plain words when it is not a usable rate.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class RequestRateAttribute : PlainTransformationAttribute
{
    /// <inheritdoc />
    protected override object? Convert(object? inputData) =>
        InputRules.RequestRate(PSValue.Unwrap(inputData), out var rate) is { } problem
            ? throw new StripeInputException(problem, "maxRequestsPerSecond")
            : rate;
}
