namespace BalanceTools.FakeStripe;

/// <summary>
/// Stripe's idempotency: the first request with a key runs and its outcome is kept (unless it was a 5xx);
/// later requests with the same key replay that outcome if their method, path and body match, and fail otherwise.
/// </summary>
internal sealed class IdempotencyCache
{
    private const int MaxKeyLength = 255;

    private readonly object _gate = new();
    private readonly Dictionary<(string ApiKey, string IdempotencyKey), StoredOutcome> _outcomes = [];

    /// <summary>
    /// Runs <paramref name="handle"/> at most once per key. The lock is held while it runs: handling is
    /// synchronous and in memory, and this rules out two concurrent first uses of one key.
    /// </summary>
    public IdempotentOutcome Execute(
        string apiKey, string idempotencyKey, RequestFingerprint fingerprint, string requestId, Func<ApiResponse> handle)
    {
        if (idempotencyKey.Length > MaxKeyLength)
        {
            return new IdempotentOutcome(ErrorJson.Render(StripeErrors.IdempotencyKeyTooLong(), requestId), null);
        }

        lock (_gate)
        {
            if (_outcomes.TryGetValue((apiKey, idempotencyKey), out var stored))
            {
                return stored.Fingerprint == fingerprint
                    ? new IdempotentOutcome(stored.Response, stored.RequestId)
                    : new IdempotentOutcome(ErrorJson.Render(StripeErrors.IdempotencyMismatch(idempotencyKey), requestId), null);
            }

            var response = handle();
            if (response.StatusCode < 500)
            {
                _outcomes[(apiKey, idempotencyKey)] = new StoredOutcome(fingerprint, response, requestId);
            }

            return new IdempotentOutcome(response, null);
        }
    }

    private sealed record StoredOutcome(RequestFingerprint Fingerprint, ApiResponse Response, string RequestId);
}
