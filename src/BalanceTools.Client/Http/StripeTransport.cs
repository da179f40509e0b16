using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using RestSharp;

namespace BalanceTools.Client;

/// <summary>
/// Sends <see cref="StripeRequest"/>s through RestSharp with Stripe's headers, retries and error handling, over the
/// process-wide connections of <see cref="SharedConnections"/>; this object holds only one client's settings.
/// Bodies are encoded by <see cref="FormBuilder"/> because RestSharp's own form encoding differs from Stripe's SDKs.
/// </summary>
internal sealed class StripeTransport
{
    private static readonly string Version =
        typeof(StripeTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static readonly string ClientUserAgent = ClientUserAgentJson();

    // Worked out once: a client is made per cmdlet call, and reading an assembly's name is not free.
    private static readonly string LibraryAgent = $"BalanceTools/{Version} RestSharp/{typeof(RestClient).Assembly.GetName().Version?.ToString(3)}";

    private readonly StripeClientOptions options;
    private readonly RestClient rest;
    private readonly RetryPolicy retryPolicy;
    private readonly string userAgent;

    public StripeTransport(StripeClientOptions options)
    {
        RequireSecureTransport(options.BaseUri);
        this.options = options;
        retryPolicy = new RetryPolicy(options);
        rest = SharedConnections.For(options.BaseUri, options.Proxy);
        userAgent = UserAgent(options.ApplicationInfo);
    }

    public LatencyGauge Latency { get; } = new();

    public double MaxRequestsPerSecond => options.MaxRequestsPerSecond;

    public async Task<T> SendAsync<T>(StripeRequest request, RequestOptions? requestOptions, BodyParser<T> parse, CancellationToken cancellationToken)
    {
        var settings = CallSettings.Resolve(options, requestOptions);
        var limiter = RateLimiterRegistry.For(settings.ApiKey, settings.StripeAccount, request.IsPost ? RequestBudget.Writes : RequestBudget.Reads, options.MaxRequestsPerSecond);
        var idempotencyKey = request.IsPost ? settings.IdempotencyKey ?? Guid.NewGuid().ToString() : null;
        var budget = new RetryBudget();
        for (var attempt = 1; ; attempt++)
        {
            if (limiter is not null)
            {
                await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
            }

            var stopwatch = Stopwatch.StartNew();
            var response = await rest.ExecuteAsync(BuildRestRequest(request, settings, idempotencyKey), cancellationToken).ConfigureAwait(false);
            using var outcome = new AttemptOutcome(response);
            cancellationToken.ThrowIfCancellationRequested();
            if (outcome.ReceivedResponse)
            {
                Latency.Record(stopwatch.Elapsed);
            }

            if (outcome.Status == 429)
            {
                limiter?.OnRateLimited(RetryPolicy.ParseRetryAfter(outcome.Header("Retry-After")));
            }

            var delay = retryPolicy.NextDelay(outcome, request.IsPost, settings, budget);
            Report(request, outcome, attempt, stopwatch.Elapsed, delay, idempotencyKey, settings.ApiKey);

            if (outcome.IsSuccess)
            {
                return ParseSuccess(request, outcome, attempt, idempotencyKey, settings.ApiKey, parse);
            }

            if (delay is null)
            {
                throw Failure(request, outcome, attempt, idempotencyKey, settings.ApiKey);
            }

            await Task.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RequireSecureTransport(Uri baseUri)
    {
        if (InputRules.BaseUri(baseUri) is { } problem)
        {
            throw new StripeInputException(problem, nameof(baseUri));
        }
    }

    private RestRequest BuildRestRequest(StripeRequest request, CallSettings settings, string? idempotencyKey)
    {
        var rest = new RestRequest(request.IsPost || request.Form.Length == 0 ? request.Path : request.Path + "?" + request.Form, request.IsPost ? Method.Post : Method.Get)
        {
            Timeout = settings.Timeout,
            CompletionOption = HttpCompletionOption.ResponseContentRead,
            AdvancedResponseWriter = BufferedResponse.From,
        };
        rest.AddHeader("Authorization", settings.ApiKey.AuthorizationHeaderValue);
        rest.AddHeader("Stripe-Version", settings.ApiVersion);
        rest.AddHeader("Accept", "application/json");
        rest.AddHeader("User-Agent", userAgent);
        rest.AddHeader("X-Stripe-Client-User-Agent", ClientUserAgent);
        if (settings.StripeAccount is not null)
        {
            rest.AddHeader("Stripe-Account", settings.StripeAccount);
        }

        if (request.IsPost)
        {
            rest.AddHeader("Idempotency-Key", idempotencyKey!);
            rest.AddStringBody(request.Form, ContentType.FormUrlEncoded);
        }

        return rest;
    }

    private T ParseSuccess<T>(StripeRequest request, AttemptOutcome outcome, int attempt, string? idempotencyKey, StripeApiKey key, BodyParser<T> parse)
    {
        try
        {
            return parse(outcome.Body);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new StripeException(Context(StripeFailureKind.InvalidResponse, request, outcome, attempt, idempotencyKey) with { Detail = exception.Message }, key, exception);
        }
    }

    private StripeException Failure(StripeRequest request, AttemptOutcome outcome, int attempt, string? idempotencyKey, StripeApiKey key)
    {
        if (outcome.ProxyAuthenticationRequired)
        {
            return new StripeException(Context(StripeFailureKind.ProxyAuthenticationRequired, request, outcome, attempt, idempotencyKey) with
            {
                Detail = $"{ProxyPhrase()} answered 407 Proxy Authentication Required. Give it a user name and password (-ProxyCredential) or, where it takes Windows sign-ins, the current user's credentials (-ProxyUseDefaultCredentials).",
            }, key);
        }

        if (!outcome.ReceivedResponse)
        {
            var kind = outcome.TimedOut ? StripeFailureKind.Timeout : StripeFailureKind.Network;
            var cause = outcome.Error is { } error && !outcome.TimedOut ? new IOException(Scrub(error.Message, key)) : null;
            return new StripeException(Context(kind, request, outcome, attempt, idempotencyKey) with { Detail = Scrub(outcome.NetworkErrorMessage, key) }, key, cause);
        }

        var body = ErrorJsonReader.TryRead(outcome.Body);
        var stripeMessage = body?.Message ?? BodySnippet(outcome.Body);
        return new StripeException(Context(StripeFailureKind.ApiError, request, outcome, attempt, idempotencyKey) with
        {
            ErrorType = body?.Type,
            Code = body?.Code,
            Param = body?.Param,
            StripeMessage = stripeMessage is null ? null : key.Scrub(stripeMessage),
            DocUrl = body?.DocUrl,
        }, key);
    }

    /// <summary>What every failure records: the request, the attempt count and whatever response arrived.</summary>
    private static StripeFailure Context(StripeFailureKind kind, StripeRequest request, AttemptOutcome outcome, int attempt, string? idempotencyKey) => new(kind)
    {
        HttpStatus = outcome.Status,
        RequestId = outcome.Header("Request-Id"),
        Method = request.Method,
        Path = "/" + request.Path,
        IdempotencyKey = idempotencyKey,
        Attempts = attempt,
    };

    private static string? BodySnippet(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(body.Slice(0, Math.Min(body.Length, 200)).ToArray()).Trim();
        return text.Length == 0 ? null : text;
    }

    private void Report(StripeRequest request, AttemptOutcome outcome, int attempt, TimeSpan duration, TimeSpan? retryAfter, string? idempotencyKey, StripeApiKey key)
    {
        options.OnRequest?.Invoke(new StripeRequestEvent
        {
            Method = request.Method,
            PathAndQuery = request.PathAndQuery,
            Attempt = attempt,
            StatusCode = outcome.Status,
            RequestId = outcome.Header("Request-Id"),
            Duration = duration,
            NetworkError = Scrub(outcome.NetworkErrorMessage, key),
            RetryAfter = retryAfter,
            IdempotencyKey = idempotencyKey,
            IdempotentReplayed = outcome.Header("Idempotent-Replayed") == "true",
            Notice = outcome.Header("Stripe-Notice"),
            RequestBody = options.LogRequestBodies && request.IsPost ? key.Scrub(request.Form) : null,
        });
    }

    private string? Scrub(string? text, StripeApiKey key) => text is null ? null : NetworkErrorText.Scrub(text, key, options.Proxy);

    /// <summary>The proxy requests to the base URI go through, in words that may be shown: "the proxy http://…".</summary>
    private string ProxyPhrase()
    {
        if (options.Proxy.Mode == ProxyMode.Explicit)
        {
            return "the proxy " + options.Proxy;
        }

#if NET8_0_OR_GREATER
        var systemProxy = HttpClient.DefaultProxy.GetProxy(options.BaseUri);
#else
        var systemProxy = System.Net.WebRequest.DefaultWebProxy?.GetProxy(options.BaseUri);
#endif
        return systemProxy is null || systemProxy == options.BaseUri
            ? "the proxy of the system's settings"
            : "the proxy " + InputRules.ShownProxy(systemProxy.GetLeftPart(UriPartial.Authority)) + " (from the system's settings)";
    }

    private static string UserAgent(string? applicationInfo) =>
        string.IsNullOrWhiteSpace(applicationInfo) ? LibraryAgent : LibraryAgent + " " + applicationInfo!.Trim();

    private static string ClientUserAgentJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("bindings_version", Version);
            writer.WriteString("lang", ".net");
            writer.WriteString("lang_version", RuntimeInformation.FrameworkDescription);
            writer.WriteString("publisher", "balancetools");
            writer.WriteString("uname", RuntimeInformation.OSDescription);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
