using BalanceTools.Client;

namespace BalanceTools;

/// <summary>A Stripe API version such as 2026-10-28.endive.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateApiVersionAttribute : PlainValidationAttribute
{
    /// <inheritdoc />
    protected override string? Problem(object? value) => InputRules.ApiVersion(value as string);
}
