namespace BalanceTools.FakeStripe;

/// <summary>A failure to inject into one upcoming request; see <see cref="FaultInjector"/>.</summary>
public abstract record Fault
{
    private protected Fault()
    {
    }

    /// <summary>Answers with a Stripe error instead of handling the request.</summary>
    public static Fault Status(
        int status,
        string type = "api_error",
        string? code = null,
        string message = "Injected failure",
        bool? shouldRetry = null,
        int? retryAfterSeconds = null) =>
        new StatusFault(status, type, code, message, shouldRetry, retryAfterSeconds);

    /// <summary>Stripe's 409 for an object locked by another request.</summary>
    public static Fault LockTimeout() => new StatusFault(
        409,
        "invalid_request_error",
        "lock_timeout",
        "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. "
        + "If you see this error intermittently, retry the request. If you see this error frequently and are making multiple "
        + "concurrent requests to a single object, make your requests serially or at a lower rate.",
        null,
        null);

    /// <summary>Stripe's 429 rate-limit error.</summary>
    public static Fault RateLimit(bool? shouldRetry = null, int? retryAfterSeconds = null) => new StatusFault(
        429,
        "invalid_request_error",
        "rate_limit",
        StripeErrors.RateLimitMessage,
        shouldRetry,
        retryAfterSeconds);

    /// <summary>Drops the connection before the request is handled; nothing is stored.</summary>
    public static Fault ResetBeforeCommit() => new ResetBeforeCommitFault();

    /// <summary>Handles the request fully (stored, idempotency recorded), then drops the connection instead of answering.</summary>
    public static Fault ResetAfterCommit() => new ResetAfterCommitFault();

    /// <summary>
    /// Handles the request fully (stored, idempotency recorded), then waits <paramref name="delay"/> before answering:
    /// a client whose timeout is shorter gives up on a request that has already taken effect.
    /// </summary>
    public static Fault DelayAfterCommit(TimeSpan delay) => new DelayAfterCommitFault(delay);

    /// <summary>Waits <paramref name="delay"/> longer than usual, then handles the request normally.</summary>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>Handles the request, announces the full Content-Length, sends half the JSON and drops the connection.</summary>
    public static Fault TruncatedJson() => new TruncatedJsonFault();

    /// <summary>Handles the request, then answers 200 with a correctly framed body that is not valid JSON.</summary>
    public static Fault MalformedJson() => new MalformedJsonFault();
}

public sealed record StatusFault(
    int StatusCode,
    string ErrorType,
    string? ErrorCode,
    string Message,
    bool? ShouldRetry,
    int? RetryAfterSeconds) : Fault;

public sealed record ResetBeforeCommitFault : Fault;

public sealed record ResetAfterCommitFault : Fault;

public sealed record DelayFault(TimeSpan Duration) : Fault;

public sealed record DelayAfterCommitFault(TimeSpan Duration) : Fault;

public sealed record TruncatedJsonFault : Fault;

public sealed record MalformedJsonFault : Fault;
