using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Turns what a user typed (or a CSV cell) into a parameter's type by the client's rules, so a value that does not
/// fit is reported as "Cannot process argument transformation on parameter 'X'." followed by the rule's plain words,
/// instead of PowerShell's conversion message with .NET type names.
/// </summary>
public abstract class PlainTransformationAttribute : ArgumentTransformationAttribute
{
    /// <summary>The converted value; throws <see cref="StripeInputException"/> for a value that does not fit.</summary>
    protected abstract object? Convert(object? inputData);

    /// <inheritdoc />
    public sealed override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        try
        {
            return Convert(inputData);
        }
        catch (StripeInputException exception)
        {
            throw new ArgumentTransformationMetadataException(exception.Message, exception);
        }
    }
}
