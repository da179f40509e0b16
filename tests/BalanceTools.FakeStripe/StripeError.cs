namespace BalanceTools.FakeStripe;

/// <summary>The content of a Stripe error response, before it is given a request id.</summary>
internal sealed record StripeError(int Status, string Type, string? Code, string Message, string? Param = null);
