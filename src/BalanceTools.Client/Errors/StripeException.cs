namespace BalanceTools.Client;

/// <summary>
/// A failed Stripe call: Stripe's error (type, code, param, message, documentation link), the HTTP status and the
/// <c>Request-Id</c> Stripe support asks for; or, with <see cref="Kind"/> other than <see cref="StripeFailureKind.ApiError"/>,
/// a failure in which no usable response arrived.
/// </summary>
public sealed class StripeException : Exception
{
    private readonly StripeFailure failure;

    internal StripeException(StripeFailure failure, StripeApiKey key, Exception? innerException = null)
        : base(key.Scrub(failure.Describe()), innerException)
    {
        this.failure = failure;
    }

    private StripeException(StripeException failed, string? resumeStartingAfter, string? resumeEndingBefore)
        : base(failed.Message, failed.InnerException)
    {
        failure = failed.failure;
        ResumeStartingAfter = resumeStartingAfter;
        ResumeEndingBefore = resumeEndingBefore;
    }

    /// <summary>
    /// When auto-paging forward stopped on this failure: the id of the last object delivered (or the cursor the
    /// listing started from), so listing again with <c>starting_after</c> set to it continues without repeats.
    /// </summary>
    public string? ResumeStartingAfter { get; }

    /// <summary>The same as <see cref="ResumeStartingAfter"/> for auto-paging backward (<c>ending_before</c>).</summary>
    public string? ResumeEndingBefore { get; }

    /// <summary>What kind of failure this is.</summary>
    public StripeFailureKind Kind => failure.Kind;

    /// <summary>The HTTP status; null when no response arrived.</summary>
    public int? HttpStatus => failure.HttpStatus;

    /// <summary>Stripe's error type, e.g. <c>invalid_request_error</c>, <c>api_error</c>, <c>idempotency_error</c>.</summary>
    public string? ErrorType => failure.ErrorType;

    /// <summary>Stripe's error code, e.g. <c>resource_missing</c>.</summary>
    public string? Code => failure.Code;

    /// <summary>The request parameter the error is about.</summary>
    public string? Param => failure.Param;

    /// <summary>Stripe's own human-readable message.</summary>
    public string? StripeMessage => failure.StripeMessage;

    /// <summary>Link to Stripe's documentation of <see cref="Code"/>.</summary>
    public string? DocUrl => failure.DocUrl;

    /// <summary>The <c>Request-Id</c> response header.</summary>
    public string? RequestId => failure.RequestId;

    /// <summary>HTTP method of the failed request.</summary>
    public string? Method => failure.Method;

    /// <summary>Path of the failed request.</summary>
    public string? Path => failure.Path;

    /// <summary>The idempotency key of a failed POST: re-run with it to finish the operation without risk of doing it twice.</summary>
    public string? IdempotencyKey => failure.IdempotencyKey;

    /// <summary>How many attempts were made.</summary>
    public int Attempts => failure.Attempts;

    /// <summary>What the failure means for the caller.</summary>
    public StripeErrorClass ErrorClass => Kind switch
    {
        StripeFailureKind.Network => StripeErrorClass.Connection,
        StripeFailureKind.Timeout => StripeErrorClass.Timeout,
        StripeFailureKind.InvalidResponse => StripeErrorClass.InvalidResponse,
        StripeFailureKind.ProxyAuthenticationRequired => StripeErrorClass.ProxyAuthentication,
        _ => HttpStatus switch
        {
            401 => StripeErrorClass.Authentication,
            403 => StripeErrorClass.PermissionDenied,
            404 => StripeErrorClass.NotFound,
            409 => StripeErrorClass.Conflict,
            429 => StripeErrorClass.RateLimited,
            >= 500 => StripeErrorClass.ServerError,
            _ => StripeErrorClass.InvalidRequest,
        },
    };

    /// <summary>This failure, marked with where an interrupted auto-paging listing can continue.</summary>
    internal StripeException WithResumePoint(string? startingAfter, string? endingBefore) =>
        startingAfter is null && endingBefore is null ? this : new StripeException(this, startingAfter, endingBefore);

    /// <summary>True when the failure happened after the request may have reached Stripe, so a POST may have taken effect.</summary>
    public bool MayHaveSucceeded =>
        Method == "POST" && Kind is StripeFailureKind.Network or StripeFailureKind.Timeout or StripeFailureKind.InvalidResponse;
}
