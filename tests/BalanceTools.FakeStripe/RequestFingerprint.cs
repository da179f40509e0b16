namespace BalanceTools.FakeStripe;

/// <summary>What must match for an idempotency key to be reused.</summary>
internal readonly record struct RequestFingerprint(string Method, string RawPath, string Body);
