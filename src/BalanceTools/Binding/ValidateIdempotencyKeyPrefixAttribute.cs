using BalanceTools.Client;

namespace BalanceTools;

/// <summary>An idempotency key prefix Stripe can take once each row's hash and count are added to it.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateIdempotencyKeyPrefixAttribute : PlainValidationAttribute
{
    /// <inheritdoc />
    protected override string? Problem(object? value) => value is string prefix ? RowIdempotencyKeys.PrefixProblem(prefix) : null;
}
