using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Turns client failures into <see cref="ErrorRecord"/>s with the category, target and details a script can act on.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(StripeException exception, object? target)
    {
        var record = new ErrorRecord(exception, "Stripe." + (exception.Code ?? exception.ErrorClass.ToString()), Category(exception.ErrorClass), target)
        {
            ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = RecommendedAction(exception) },
        };
        record.CategoryInfo.Reason = exception.ErrorType ?? exception.Kind.ToString();
        return record;
    }

    public static ErrorRecord InvalidArgument(ArgumentException exception, object? target) =>
        new(exception, "BalanceTools.InvalidArgument." + (exception.ParamName ?? "value"), ErrorCategory.InvalidArgument, target);

    public static ErrorRecord MissingApiKey(MissingApiKeyException exception) =>
        new(exception, "BalanceTools.MissingApiKey", ErrorCategory.AuthenticationError, null)
        {
            ErrorDetails = new ErrorDetails("No Stripe API key was found. Pass -ApiKey, run Connect-Stripe once per session, or set the STRIPE_API_KEY environment variable.")
            {
                RecommendedAction = "Run 'Connect-Stripe -ApiKey (Read-Host -AsSecureString)', or set $env:STRIPE_API_KEY.",
            },
        };

    internal static ErrorCategory Category(StripeErrorClass errorClass) => errorClass switch
    {
        StripeErrorClass.Authentication => ErrorCategory.AuthenticationError,
        StripeErrorClass.PermissionDenied => ErrorCategory.PermissionDenied,
        StripeErrorClass.NotFound => ErrorCategory.ObjectNotFound,
        StripeErrorClass.Conflict => ErrorCategory.ResourceBusy,
        StripeErrorClass.RateLimited => ErrorCategory.LimitsExceeded,
        StripeErrorClass.ServerError => ErrorCategory.ResourceUnavailable,
        StripeErrorClass.Connection => ErrorCategory.ConnectionError,
        StripeErrorClass.Timeout => ErrorCategory.OperationTimeout,
        StripeErrorClass.InvalidResponse => ErrorCategory.InvalidResult,
        _ => ErrorCategory.InvalidArgument,
    };

    private static string? RecommendedAction(StripeException exception)
    {
        var parts = new List<string>();
        if (exception.MayHaveSucceeded && exception.IdempotencyKey is not null)
        {
            parts.Add($"Run the command again with -IdempotencyKey '{exception.IdempotencyKey}' to complete it without risk of doing it twice.");
        }

        if (exception.ErrorClass == StripeErrorClass.RateLimited)
        {
            parts.Add("Slow down, or add -RetryOnRateLimit (here or on Connect-Stripe) to wait and retry.");
        }

        if (exception.DocUrl is not null)
        {
            parts.Add("See " + exception.DocUrl + ".");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
