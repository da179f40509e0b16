using BalanceTools.Client;

namespace BalanceTools;

/// <summary>The kinds of id a parameter can take; attribute arguments must be constants, so they are named here.</summary>
public enum StripeIdParameter
{
    /// <summary><c>cus_</c></summary>
    Customer,

    /// <summary><c>cbtxn_</c></summary>
    BalanceTransaction,

    /// <summary><c>in_</c></summary>
    Invoice,

    /// <summary><c>acct_</c></summary>
    ConnectedAccount,
}

/// <summary>Refuses, while binding, a value that cannot be a Stripe id of the parameter's kind, saying why.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateStripeIdAttribute : PlainValidationAttribute
{
    /// <summary>Creates the check for ids of <paramref name="kind"/>.</summary>
    public ValidateStripeIdAttribute(StripeIdParameter kind) => Kind = kind;

    /// <summary>The kind of id the parameter takes.</summary>
    public StripeIdParameter Kind { get; }

    /// <inheritdoc />
    protected override string? Problem(object? value) => IdKind().Problem(value as string);

    private StripeIdKind IdKind() => Kind switch
    {
        StripeIdParameter.Customer => StripeIdKind.Customer,
        StripeIdParameter.BalanceTransaction => StripeIdKind.BalanceTransaction,
        StripeIdParameter.Invoice => StripeIdKind.Invoice,
        _ => StripeIdKind.ConnectedAccount,
    };
}
