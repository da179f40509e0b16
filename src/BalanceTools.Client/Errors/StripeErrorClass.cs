namespace BalanceTools.Client;

/// <summary>
/// What a failure means for the caller, independent of any host: the PowerShell layer maps each class to an
/// <c>ErrorCategory</c>, other callers can branch on it directly.
/// </summary>
public enum StripeErrorClass
{
    /// <summary>The request is wrong (HTTP 400, 402 and other 4xx not listed below).</summary>
    InvalidRequest,

    /// <summary>The key is missing or wrong (HTTP 401).</summary>
    Authentication,

    /// <summary>The key may not do this (HTTP 403).</summary>
    PermissionDenied,

    /// <summary>The customer or transaction does not exist (HTTP 404).</summary>
    NotFound,

    /// <summary>A conflicting request is in progress, e.g. <c>lock_timeout</c> (HTTP 409).</summary>
    Conflict,

    /// <summary>Too many requests (HTTP 429).</summary>
    RateLimited,

    /// <summary>Stripe failed (HTTP 5xx).</summary>
    ServerError,

    /// <summary>The proxy refused to pass the request on without (other) credentials (HTTP 407).</summary>
    ProxyAuthentication,

    /// <summary>No connection could be made or it broke.</summary>
    Connection,

    /// <summary>No response in time.</summary>
    Timeout,

    /// <summary>A response that could not be read.</summary>
    InvalidResponse,
}
