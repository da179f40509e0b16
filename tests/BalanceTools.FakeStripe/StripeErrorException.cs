namespace BalanceTools.FakeStripe;

/// <summary>
/// Aborts request handling with a Stripe error; validation runs several layers deep and this keeps
/// each layer free of error plumbing.
/// </summary>
internal sealed class StripeErrorException(StripeError error) : Exception(error.Message)
{
    public StripeError Error { get; } = error;
}
