using System.Text;

namespace BalanceTools.Client;

/// <summary>
/// A failed Stripe call: Stripe's error (type, code, param, message, documentation link), the HTTP status and the
/// <c>Request-Id</c> Stripe support asks for; or, with <see cref="Kind"/> other than <see cref="StripeFailureKind.ApiError"/>,
/// a failure in which no usable response arrived.
/// </summary>
public sealed class StripeException : Exception
{
    internal StripeException(StripeFailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What kind of failure this is.</summary>
    public StripeFailureKind Kind { get; }

    /// <summary>The HTTP status; null when no response arrived.</summary>
    public int? HttpStatus { get; internal init; }

    /// <summary>Stripe's error type, e.g. <c>invalid_request_error</c>, <c>api_error</c>, <c>idempotency_error</c>.</summary>
    public string? ErrorType { get; internal init; }

    /// <summary>Stripe's error code, e.g. <c>resource_missing</c>.</summary>
    public string? Code { get; internal init; }

    /// <summary>The request parameter the error is about.</summary>
    public string? Param { get; internal init; }

    /// <summary>Stripe's own human-readable message.</summary>
    public string? StripeMessage { get; internal init; }

    /// <summary>Link to Stripe's documentation of <see cref="Code"/>.</summary>
    public string? DocUrl { get; internal init; }

    /// <summary>The <c>Request-Id</c> response header.</summary>
    public string? RequestId { get; internal init; }

    /// <summary>HTTP method of the failed request.</summary>
    public string? Method { get; internal init; }

    /// <summary>Path of the failed request.</summary>
    public string? Path { get; internal init; }

    /// <summary>The idempotency key of a failed POST: re-run with it to finish the operation without risk of doing it twice.</summary>
    public string? IdempotencyKey { get; internal init; }

    /// <summary>How many attempts were made.</summary>
    public int Attempts { get; internal init; }

    /// <summary>What the failure means for the caller.</summary>
    public StripeErrorClass ErrorClass => Kind switch
    {
        StripeFailureKind.Network => StripeErrorClass.Connection,
        StripeFailureKind.Timeout => StripeErrorClass.Timeout,
        StripeFailureKind.InvalidResponse => StripeErrorClass.InvalidResponse,
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

    /// <summary>True when the failure happened after the request may have reached Stripe, so a POST may have taken effect.</summary>
    public bool MayHaveSucceeded =>
        Method == "POST" && Kind is StripeFailureKind.Network or StripeFailureKind.Timeout or StripeFailureKind.InvalidResponse;

    internal static string Describe(StripeFailureKind kind, int? status, string? type, string? code, string? param, string? stripeMessage, string? requestId, string? method, string? path, int attempts, string? idempotencyKey)
    {
        var text = new StringBuilder();
        text.Append(kind switch
        {
            StripeFailureKind.ApiError => $"Stripe returned HTTP {status}",
            StripeFailureKind.Network => "The connection to Stripe failed",
            StripeFailureKind.Timeout => "Stripe did not answer in time",
            _ => "Stripe's response could not be read",
        });
        if (method is not null)
        {
            text.Append(" for ").Append(method).Append(' ').Append(path);
        }

        if (attempts > 1)
        {
            text.Append(" after ").Append(attempts).Append(" attempts");
        }

        if (type is not null || code is not null)
        {
            text.Append(" (").Append(type);
            if (code is not null)
            {
                text.Append(type is null ? string.Empty : ", ").Append(code);
            }

            text.Append(')');
        }

        text.Append(stripeMessage is null ? "." : ": " + stripeMessage.TrimEnd());
        if (param is not null)
        {
            text.Append(" Parameter: ").Append(param).Append('.');
        }

        if (requestId is not null)
        {
            text.Append(" Request id: ").Append(requestId).Append('.');
        }

        if (idempotencyKey is not null && method == "POST" && kind != StripeFailureKind.ApiError)
        {
            text.Append(" The request may have taken effect; run it again with idempotency key '")
                .Append(idempotencyKey)
                .Append("' to complete it without doing it twice.");
        }

        return text.ToString();
    }
}
