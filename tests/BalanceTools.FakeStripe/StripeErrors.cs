namespace BalanceTools.FakeStripe;

/// <summary>The errors the fake produces, worded as Stripe words them.</summary>
internal static class StripeErrors
{
    /// <summary>Stripe's wording of a 429, shared with <see cref="Fault.RateLimit"/>.</summary>
    public const string RateLimitMessage =
        "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.";

    private const string InvalidRequest = "invalid_request_error";

    public static StripeError MissingApiKey() => new(
        401,
        InvalidRequest,
        null,
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth "
        + "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, "
        + "or we can help at https://support.stripe.com/.");

    public static StripeError InvalidApiKey(string redactedKey) =>
        new(401, InvalidRequest, null, $"Invalid API Key provided: {redactedKey}");

    public static StripeError UnrecognizedUrl(string method, string rawPath) =>
        new(404, InvalidRequest, null, $"Unrecognized request URL ({method}: {rawPath}).");

    /// <param name="param">What Stripe names: <c>customer</c> on the routes under a customer, <c>id</c> when retrieving the customer itself.</param>
    public static StripeError NoSuchCustomer(string customerId, string param) =>
        new(404, InvalidRequest, "resource_missing", $"No such customer: '{customerId}'", param);

    public static StripeError NoSuchTransaction(string transactionId) =>
        new(404, InvalidRequest, "resource_missing", $"No such customer balance transaction: '{transactionId}'", "transaction");

    public static StripeError UnknownCursor(string transactionId, string param) =>
        new(400, InvalidRequest, "resource_missing", $"No such customer balance transaction: '{transactionId}'", param);

    public static StripeError UnknownCustomerCursor(string customerId, string param) =>
        new(400, InvalidRequest, "resource_missing", $"No such customer: '{customerId}'", param);

    /// <summary>The 429 of the rate limiters (global and per endpoint).</summary>
    public static StripeError RateLimited() => new(429, InvalidRequest, "rate_limit", RateLimitMessage);

    /// <summary>
    /// The 429 of the concurrency limiter. Stripe answers it with the same code as the rate limiters; only the wording
    /// tells them apart.
    /// </summary>
    public static StripeError TooManyConcurrentRequests() => new(
        429,
        InvalidRequest,
        "rate_limit",
        "Too many concurrent requests. Lower the number of requests you make at the same time. "
        + "Learn more about rate limits here https://stripe.com/docs/rate-limits.");

    public static StripeError UnknownParameter(string key) =>
        new(400, InvalidRequest, "parameter_unknown", $"Received unknown parameter: {key}", key);

    public static StripeError MissingParameter(string name) =>
        new(400, InvalidRequest, "parameter_missing", $"Missing required param: {name}.", name);

    public static StripeError InvalidInteger(string param, string raw) =>
        new(400, InvalidRequest, "parameter_invalid_integer", $"Invalid integer: {raw}", param);

    public static StripeError InvalidParameter(string param, string message) =>
        new(400, InvalidRequest, null, message, param);

    public static StripeError StringTooLong(string param, string value, int maxLength) =>
        new(400, InvalidRequest, "parameter_invalid_string_too_long",
            $"Invalid string: {Preview(value)}; must be at most {maxLength} characters", param);

    public static StripeError ConflictingCursors() =>
        new(400, InvalidRequest, null, "You may only specify one of these parameters: ending_before, starting_after.");

    public static StripeError CannotExpand(string field) =>
        new(400, InvalidRequest, null, $"This property cannot be expanded ({field}).", "expand");

    public static StripeError CurrencyMismatch(string requested, string customerCurrency) =>
        new(400, InvalidRequest, null,
            $"The currency of this customer balance transaction ({requested}) must match the customer's currency ({customerCurrency}).",
            "currency");

    public static StripeError UnsupportedContentType(string contentType) =>
        new(400, InvalidRequest, null,
            $"Invalid request: unsupported Content-Type {contentType}. If error persists and you need assistance, please contact support@stripe.com.");

    public static StripeError IdempotencyMismatch(string idempotencyKey) =>
        new(400, "idempotency_error", null,
            "Keys for idempotent requests can only be used with the same parameters they were first used with. "
            + $"Try using a key other than '{idempotencyKey}' if you meant to execute a different request.");

    public static StripeError IdempotencyKeyTooLong() =>
        new(400, InvalidRequest, null, "Idempotency-Key header must be at most 255 characters long.");

    private static string Preview(string value) => value.Length <= 20 ? value : value[..20] + "...";
}
