using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// A whole number in a range, from a number or from digits in text (a CSV cell). PowerShell itself would round
/// 12.5 to 12 for an integer parameter; this refuses it, so a mistyped amount is never sent.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class WholeNumberAttribute : PlainTransformationAttribute
{
    /// <summary>Creates the conversion for numbers from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public WholeNumberAttribute(long minimum, long maximum)
    {
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The smallest number allowed.</summary>
    public long Minimum { get; }

    /// <summary>The largest number allowed.</summary>
    public long Maximum { get; }

    /// <summary>A sentence added to every refusal, saying what the number means.</summary>
    public string? Advice { get; set; }

    /// <inheritdoc />
    protected override object? Convert(object? inputData) =>
        InputRules.WholeNumber(PSValue.Unwrap(inputData), Minimum, Maximum, out var number) is { } problem
            ? throw new StripeInputException(Advice is null ? problem : problem + " " + Advice, "value")
            : number;
}
