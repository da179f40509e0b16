using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Turns client failures into <see cref="ErrorRecord"/>s with the category, target and details a script can act on.</summary>
internal static class ErrorRecords
{
    public static ErrorRecord From(StripeException exception, object? target) =>
        ResumeParameters(exception) is { } resume
            ? Build(exception, target, $"To continue after the last transaction received, run the same command with {resume}.", $"Run the same command with {resume} to continue without repeating what was already received.")
            : Build(exception, target, null, null);

    /// <summary>A customer of an export with a checkpoint failed: the checkpoint, not a cursor, is how to resume.</summary>
    /// <summary>A customer of a resumable export failed; <paramref name="resumeWith"/> names what resumes it (<c>-CheckpointPath</c> or <c>-Path</c>).</summary>
    public static ErrorRecord FromCheckpointedCustomer(StripeException exception, string customer, string resumeWith) => Build(
        exception,
        customer,
        "The checkpoint records where this customer stopped; running the same command again retries it first.",
        $"Run the same command again with the same {resumeWith}: customers that failed are retried first, from where they stopped.");

    /// <summary>
    /// The account's customer listing failed, which stops a whole-account export; <paramref name="resumeWith"/> names
    /// what resumes it (never a customer id for -StartingAfter, which takes transaction ids).
    /// </summary>
    public static ErrorRecord FromAccountListing(StripeException exception, string? resumeWith) => Build(
        exception,
        "customers",
        resumeWith is null ? null : "The export stopped at the customer listing.",
        resumeWith is null
            ? "Run the command again; with -CheckpointPath a later run continues where this one stopped."
            : $"Run the same command again with the same {resumeWith}: it continues where this one stopped.");

    /// <summary>Writing the export file failed (a full disk, say): the file is intact up to its last commit.</summary>
    public static ErrorRecord ExportFileFailed(IOException exception, string path) =>
        new(exception, "BalanceTools.ExportFileWrite", ErrorCategory.WriteError, path)
        {
            ErrorDetails = new ErrorDetails($"Writing {path} failed: {exception.Message} The file and its checkpoint are intact up to their last commit.")
            {
                RecommendedAction = "Free space (or fix what stopped the write), then run the same command again with the same -Path: it cuts off what followed the last commit and continues from there.",
            },
        };

    private static ErrorRecord Build(StripeException exception, object? target, string? resumeSentence, string? resumeAction)
    {
        var message = resumeSentence is null ? exception.Message : exception.Message + " " + resumeSentence;
        var record = new ErrorRecord(exception, "Stripe." + (exception.Code ?? exception.ErrorClass.ToString()), Category(exception.ErrorClass), target)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = RecommendedAction(exception, resumeAction) },
        };
        record.CategoryInfo.Reason = exception.ErrorType ?? exception.Kind.ToString();
        return record;
    }

    public static ErrorRecord InvalidArgument(ArgumentException exception, object? target) =>
        new(exception, "BalanceTools.InvalidArgument." + (exception.ParamName ?? "value"), ErrorCategory.InvalidArgument, target);

    /// <summary>A refusal of the cmdlet's own parameters (two that exclude each other, say), named as the user typed them.</summary>
    public static ErrorRecord InvalidParameters(string message, string parameter) =>
        InvalidArgument(new StripeInputException(message, parameter), null);

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
        StripeErrorClass.ProxyAuthentication => ErrorCategory.AuthenticationError,
        _ => ErrorCategory.InvalidArgument,
    };

    private static string? ResumeParameters(StripeException exception) =>
        exception.ResumeStartingAfter is { } after ? "-StartingAfter " + after
        : exception.ResumeEndingBefore is { } before ? "-EndingBefore " + before
        : null;

    private static string? RecommendedAction(StripeException exception, string? resumeAction)
    {
        var parts = new List<string>();
        if (resumeAction is not null)
        {
            parts.Add(resumeAction);
        }

        if (exception.MayHaveSucceeded && exception.IdempotencyKey is not null)
        {
            parts.Add($"Run the command again with -IdempotencyKey '{exception.IdempotencyKey}' to complete it without risk of doing it twice.");
        }

        if (exception.ErrorType == "idempotency_error" && exception.IdempotencyKey is not null)
        {
            parts.Add($"Stripe saw the idempotency key '{exception.IdempotencyKey}' in the last 24 hours with other values, so it applied nothing. If this is meant as a new transaction, give it a new key (or a new -IdempotencyKeyPrefix); if not, send the values it was first sent with.");
        }

        if (exception.ErrorClass == StripeErrorClass.RateLimited)
        {
            parts.Add(exception.Method == "POST"
                ? "Stripe kept limiting the rate through every retry (or -RetryOnRateLimit:$false asked for none): lower -MaxRequestsPerSecond or -ThrottleLimit, or run again later with the same idempotency key, which Stripe never applies twice."
                : "Stripe kept limiting the rate through every retry: lower -MaxRequestsPerSecond or -ThrottleLimit, or run again later.");
        }

        if (exception.ErrorClass == StripeErrorClass.ProxyAuthentication)
        {
            parts.Add("Add -ProxyCredential (Get-Credential) with the proxy's user name and password, or -ProxyUseDefaultCredentials where the proxy takes your Windows sign-in; Connect-Stripe takes both for the whole session.");
        }

        if (exception.DocUrl is not null)
        {
            parts.Add("See " + exception.DocUrl + ".");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }
}
