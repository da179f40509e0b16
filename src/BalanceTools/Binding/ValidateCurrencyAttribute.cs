using BalanceTools.Client;

namespace BalanceTools;

/// <summary>A three-letter ISO currency code, in any case.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateCurrencyAttribute : PlainValidationAttribute
{
    /// <inheritdoc />
    protected override string? Problem(object? value) => InputRules.Currency(value as string);
}
