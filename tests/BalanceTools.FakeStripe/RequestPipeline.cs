using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace BalanceTools.FakeStripe;

/// <summary>
/// Everything between Kestrel and the endpoints, in Stripe's order: response headers, journal, rate limiters,
/// latency, injected faults, authentication errors, idempotency, routing.
/// </summary>
internal sealed class RequestPipeline(
    RequestJournal journal,
    FaultInjector faults,
    LatencySetting latency,
    ApiKeyAuthenticator authenticator,
    RateLimiter rateLimiter,
    IdempotencyCache idempotency,
    ApiRouter router)
{
    private const string DefaultStripeVersion = "2026-10-28.endive";
    private const string OldestSupportedVersion = "2023-01-01";
    private const string JsonContentType = "application/json";

    private static readonly TimeSpan TruncationDeliveryGrace = TimeSpan.FromMilliseconds(100);

    // Framed correctly but not JSON: an object cut off after its first member name, then binary noise.
    private static readonly ReadOnlyMemory<byte> MalformedBody = Encoding.UTF8.GetBytes("{\"id\": \u0001\u0002<not json>");

    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        journal.Entered();
        try
        {
            await HandleCoreAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away or the server is stopping; there is nobody left to answer.
        }
        finally
        {
            journal.Left();
        }
    }

    private static async Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var request = context.Request;
        var requestId = RandomIds.Request();
        var (rawPath, rawQuery) = SplitTarget(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget);
        var body = await ReadBodyAsync(request, cancellationToken);
        StampResponseHeaders(request.Headers, context.Response.Headers, requestId);

        // The key is checked now so the limiters know whose buckets to use; a missing or unknown key is answered 401
        // after the latency, as before, and never limited. The limiters decide before the request is journaled, so a
        // test that sees a request in the journal knows whether it holds a concurrency slot.
        var authenticationError = authenticator.Check(request.Headers.Authorization, out var apiKey);
        var admission = rateLimiter.Admit(
            authenticationError is null ? RateLimiter.CallerOf(apiKey, request.Headers["Stripe-Account"].ToString()) : null,
            ApiRoute.Endpoint(request.Method, rawPath));

        // Drawn on arrival too, so a test that changes the latency after seeing a request journaled does not change it.
        var delay = latency.Next();
        var entry = journal.Record(new RecordedRequest(request.Method, rawPath, rawQuery, body, LowerCaseHeaders(request.Headers), receivedAt));
        var completion = new RequestCompletion(journal, entry, admission);
        try
        {
            await RespondAsync(
                context, completion, admission, delay, authenticationError, apiKey, rawPath, rawQuery, body, requestId, cancellationToken);
        }
        finally
        {
            // Only reached unfinished when the client went away (no response) or handling threw (Kestrel answers 500).
            completion.Finish(cancellationToken.IsCancellationRequested ? 0 : 500);
        }
    }

    private async Task RespondAsync(
        HttpContext context,
        RequestCompletion completion,
        Admission admission,
        TimeSpan delay,
        StripeError? authenticationError,
        string apiKey,
        string rawPath,
        string rawQuery,
        string body,
        string requestId,
        CancellationToken cancellationToken)
    {
        // A refusal pays the latency too: it stands for the round trip, and an instant 429 would let a client that
        // retries at once spin far faster than it could against Stripe.
        await WaitAsync(delay, cancellationToken);
        if (admission.Refusal is { } refusal)
        {
            if (admission.SendRetryAfter)
            {
                context.Response.Headers.RetryAfter = "1";
            }

            await WriteAsync(context.Response, ErrorJson.Render(refusal, requestId), completion, cancellationToken);
            return;
        }

        var request = context.Request;
        var fault = faults.TakeFor(request.Method, rawPath, rawQuery);
        switch (fault)
        {
            case StatusFault status:
                await WriteStatusFaultAsync(context.Response, status, requestId, completion, cancellationToken);
                return;
            case ResetBeforeCommitFault:
                completion.Finish(0);
                context.Abort();
                return;
            case DelayFault delayFault:
                await WaitAsync(delayFault.Duration, cancellationToken);
                break;
        }

        var response = Process(context, authenticationError, apiKey, rawPath, rawQuery, body, requestId);
        switch (fault)
        {
            case ResetAfterCommitFault:
                completion.Finish(0);
                context.Abort();
                return;
            case DelayAfterCommitFault delayAfterCommit:
                await WaitAsync(delayAfterCommit.Duration, cancellationToken);
                await WriteAsync(context.Response, response, completion, cancellationToken);
                return;
            case TruncatedJsonFault:
                await WriteTruncatedAsync(context, response, completion, cancellationToken);
                return;
            case MalformedJsonFault:
                await WriteAsync(context.Response, new ApiResponse(200, MalformedBody), completion, cancellationToken);
                return;
            case MalformedObjectFault malformed when response.StatusCode == 200:
                await WriteAsync(context.Response, response with { Body = malformed.Spoil(response.Body) }, completion, cancellationToken);
                return;
            default:
                await WriteAsync(context.Response, response, completion, cancellationToken);
                return;
        }
    }

    private ApiResponse Process(
        HttpContext context, StripeError? authenticationError, string apiKey, string rawPath, string rawQuery, string body, string requestId)
    {
        var request = context.Request;
        if (authenticationError is not null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Stripe\"";
            return ErrorJson.Render(authenticationError, requestId);
        }

        var method = request.Method;
        var contentType = request.ContentType;
        string idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (!HttpMethods.IsPost(method) || idempotencyKey.Length == 0)
        {
            return router.Dispatch(method, rawPath, rawQuery, body, contentType, requestId);
        }

        var outcome = idempotency.Execute(
            apiKey,
            idempotencyKey,
            new RequestFingerprint(method, rawPath, body),
            requestId,
            () => router.Dispatch(method, rawPath, rawQuery, body, contentType, requestId));
        if (outcome.OriginalRequestId is { } originalRequestId)
        {
            context.Response.Headers["Idempotent-Replayed"] = "true";
            context.Response.Headers["Original-Request"] = originalRequestId;
        }

        return outcome.Response;
    }

    private static void StampResponseHeaders(IHeaderDictionary requestHeaders, IHeaderDictionary responseHeaders, string requestId)
    {
        responseHeaders["Request-Id"] = requestId;
        responseHeaders.ContentType = JsonContentType;
        var version = requestHeaders["Stripe-Version"].ToString();
        responseHeaders["Stripe-Version"] = version.Length > 0 ? version : DefaultStripeVersion;
        if (version.Length > 0 && string.CompareOrdinal(version, OldestSupportedVersion) < 0)
        {
            // Stripe warns about versions it plans to retire through this header rather than failing the request.
            responseHeaders["Stripe-Notice"] = $"Stripe-Version {version} is deprecated; upgrade to {DefaultStripeVersion}.";
        }

        var account = requestHeaders["Stripe-Account"].ToString();
        if (account.Length > 0)
        {
            responseHeaders["Stripe-Account"] = account;
        }
    }

    private static async Task WriteStatusFaultAsync(
        HttpResponse response, StatusFault fault, string requestId, RequestCompletion completion, CancellationToken cancellationToken)
    {
        if (fault.ShouldRetry is { } shouldRetry)
        {
            response.Headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false";
        }

        if (fault.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var error = new StripeError(fault.StatusCode, fault.ErrorType, fault.ErrorCode, fault.Message);
        await WriteAsync(response, ErrorJson.Render(error, requestId), completion, cancellationToken);
    }

    private static async Task WriteAsync(
        HttpResponse response, ApiResponse content, RequestCompletion completion, CancellationToken cancellationToken)
    {
        completion.Finish(content.StatusCode);
        response.StatusCode = content.StatusCode;
        response.ContentLength = content.Body.Length;
        await response.Body.WriteAsync(content.Body, cancellationToken);
    }

    private static async Task WriteTruncatedAsync(
        HttpContext context, ApiResponse content, RequestCompletion completion, CancellationToken cancellationToken)
    {
        completion.Finish(content.StatusCode);
        var response = context.Response;
        response.StatusCode = content.StatusCode;
        response.ContentLength = content.Body.Length;
        await response.Body.WriteAsync(content.Body[..(content.Body.Length / 2)], cancellationToken);
        await response.Body.FlushAsync(cancellationToken);

        // A flush only hands the bytes to Kestrel's send loop; aborting at once can discard them (the client
        // would see a reset before the headers), so give loopback a moment to deliver the half body first.
        await Task.Delay(TruncationDeliveryGrace, cancellationToken);
        context.Abort();
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    private static (string RawPath, string RawQuery) SplitTarget(string rawTarget)
    {
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (rawTarget, string.Empty) : (rawTarget[..question], rawTarget[(question + 1)..]);
    }

    private static Dictionary<string, string> LowerCaseHeaders(IHeaderDictionary headers)
    {
        var result = new Dictionary<string, string>(headers.Count, StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            result[name.ToLowerInvariant()] = string.Join(", ", values.ToArray());
        }

        return result;
    }
}
