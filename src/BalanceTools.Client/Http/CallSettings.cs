namespace BalanceTools.Client;

/// <summary>The client's settings merged with one call's overrides.</summary>
internal sealed record CallSettings(
    StripeApiKey ApiKey,
    string ApiVersion,
    string? StripeAccount,
    string? IdempotencyKey,
    int MaxNetworkRetries,
    TimeSpan Timeout,
    bool RetryOnRateLimit,
    int MaxRateLimitRetries)
{
    public static CallSettings Resolve(StripeClientOptions client, RequestOptions? call)
    {
        var key = call?.ApiKey ?? client.ApiKey ?? throw new MissingApiKeyException();
        var retries = call?.MaxNetworkRetries ?? client.MaxNetworkRetries;
        if (retries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestOptions.MaxNetworkRetries), retries, "Retries cannot be negative.");
        }

        var timeout = call?.Timeout ?? client.Timeout;
        if (timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestOptions.Timeout), timeout, "The timeout must be positive.");
        }

        if (call?.IdempotencyKey is { } idempotencyKey && (idempotencyKey.Length is 0 or > 255 || idempotencyKey.Any(char.IsControl)))
        {
            throw new ArgumentException("An idempotency key must be 1 to 255 printable characters.", nameof(RequestOptions.IdempotencyKey));
        }

        var account = call?.StripeAccount ?? client.StripeAccount;
        RequestValidator.OptionalId(account, StripeIdKind.ConnectedAccount, "stripe_account");
        return new CallSettings(
            key,
            call?.ApiVersion ?? client.ApiVersion,
            account,
            call?.IdempotencyKey,
            retries,
            timeout,
            call?.RetryOnRateLimit ?? client.RetryOnRateLimit,
            Math.Max(0, client.MaxRateLimitRetries));
    }
}
