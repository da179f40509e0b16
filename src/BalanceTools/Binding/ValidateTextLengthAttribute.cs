using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Text of at most <see cref="Maximum"/> characters; unlike ValidateLength, the message shows the value.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateTextLengthAttribute : PlainValidationAttribute
{
    /// <summary>Creates the check.</summary>
    public ValidateTextLengthAttribute(int maximum) => Maximum = maximum;

    /// <summary>The most characters allowed.</summary>
    public int Maximum { get; }

    /// <inheritdoc />
    protected override string? Problem(object? value) => InputRules.TextLength(value as string, Maximum);
}
