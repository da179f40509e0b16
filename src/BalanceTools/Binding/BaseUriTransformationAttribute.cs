using BalanceTools.Client;

namespace BalanceTools;

/// <summary>An absolute https address, or http to this machine; anything else is refused while binding, in plain words.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BaseUriTransformationAttribute : PlainTransformationAttribute
{
    /// <inheritdoc />
    protected override object? Convert(object? inputData)
    {
        var value = PSValue.Unwrap(inputData);
        Uri? uri = value as Uri;
        var problem = value switch
        {
            null => null,
            Uri given => InputRules.BaseUri(given),
            _ => InputRules.BaseUri(System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out uri),
        };
        return problem is null ? uri : throw new StripeInputException(problem, "apiBaseUri");
    }
}
