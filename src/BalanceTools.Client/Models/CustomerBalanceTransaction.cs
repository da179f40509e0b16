namespace BalanceTools.Client;

/// <summary>
/// One change to a customer's credit balance (Stripe object <c>customer_balance_transaction</c>).
/// Expandable references (<see cref="Customer"/>, <see cref="Invoice"/>, <see cref="CreditNote"/>, <see cref="CheckoutSession"/>)
/// are always ids; when expanded, the full object is in the matching <c>Expanded…</c> property.
/// </summary>
public sealed class CustomerBalanceTransaction : IStripeListItem
{
    /// <summary>Unique identifier, <c>cbtxn_…</c>.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>Always <c>customer_balance_transaction</c>.</summary>
    public string Object { get; init; } = "customer_balance_transaction";

    /// <summary>Amount in the currency's minor unit; negative is a credit to the customer, positive a debit.</summary>
    public long Amount { get; init; }

    /// <summary>The Checkout Session this transaction belongs to, if any.</summary>
    public string? CheckoutSession { get; init; }

    /// <summary>When the transaction was created, in UTC.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The credit note this transaction belongs to, if any.</summary>
    public string? CreditNote { get; init; }

    /// <summary>Three-letter ISO currency code, lowercase.</summary>
    public string Currency { get; init; } = string.Empty;

    /// <summary>The customer the transaction belongs to.</summary>
    public string Customer { get; init; } = string.Empty;

    /// <summary>The customer account (Accounts v2) the transaction belongs to, if any.</summary>
    public string? CustomerAccount { get; init; }

    /// <summary>Free text, at most 350 characters.</summary>
    public string? Description { get; init; }

    /// <summary>The customer's balance after this transaction, in minor units.</summary>
    public long EndingBalance { get; init; }

    /// <summary>The invoice this transaction belongs to, if any.</summary>
    public string? Invoice { get; init; }

    /// <summary>True in live mode, false in test mode.</summary>
    public bool Livemode { get; init; }

    /// <summary>Key-value pairs attached to the transaction.</summary>
    public StripeMetadata Metadata { get; init; } = StripeMetadata.None;

    /// <summary>
    /// What caused the transaction: <c>adjustment</c>, <c>applied_to_invoice</c>, <c>credit_note</c>, <c>initial</c>,
    /// <c>invoice_overpaid</c>, <c>invoice_too_large</c>, <c>invoice_too_small</c>, <c>migration</c>,
    /// <c>unapplied_from_invoice</c>, <c>unspent_receiver_credit</c>, … Kept as text so new types never break a script.
    /// </summary>
    public string Type { get; init; } = string.Empty;

    /// <summary>The customer object, when <c>customer</c> was expanded.</summary>
    public ExpandedObject? ExpandedCustomer { get; init; }

    /// <summary>The invoice object, when <c>invoice</c> was expanded.</summary>
    public ExpandedObject? ExpandedInvoice { get; init; }

    /// <summary>The credit note object, when <c>credit_note</c> was expanded.</summary>
    public ExpandedObject? ExpandedCreditNote { get; init; }

    /// <summary>The Checkout Session object, when <c>checkout_session</c> was expanded.</summary>
    public ExpandedObject? ExpandedCheckoutSession { get; init; }

    /// <inheritdoc />
    public override string ToString() => Id;
}
