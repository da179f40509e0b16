using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Fields a balance transaction can expand (customer, invoice, credit_note, checkout_session and below).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateExpandAttribute : PlainValidationAttribute
{
    /// <inheritdoc />
    protected override string? Problem(object? value) => InputRules.ExpandField(value as string);
}
