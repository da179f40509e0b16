namespace BalanceTools.Client;

/// <summary>Why a Stripe call failed.</summary>
public enum StripeFailureKind
{
    /// <summary>Stripe answered with an error status and (usually) its error JSON.</summary>
    ApiError,

    /// <summary>No response: the connection failed or was reset.</summary>
    Network,

    /// <summary>No response within the timeout.</summary>
    Timeout,

    /// <summary>The proxy between this machine and Stripe wants credentials it was not given (HTTP 407); Stripe was not reached.</summary>
    ProxyAuthenticationRequired,

    /// <summary>A success status with a body that is not the expected JSON. The request may have taken effect.</summary>
    InvalidResponse,
}
