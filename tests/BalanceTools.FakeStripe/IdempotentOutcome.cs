namespace BalanceTools.FakeStripe;

/// <summary>The response to send; <see cref="OriginalRequestId"/> is set when it is a replay.</summary>
internal sealed record IdempotentOutcome(ApiResponse Response, string? OriginalRequestId);
