using System.Globalization;
using System.Text.Json;

namespace BalanceTools.FakeStripe;

/// <summary>
/// The <c>/_fake/</c> endpoints through which a test or benchmark in another process seeds and deletes customers,
/// injects faults, latency and rate limits, and reads the request journal and the connection counts. They bypass
/// the Stripe pipeline, so they are never journaled, faulted, rate limited or authenticated.
/// </summary>
internal sealed class ControlEndpoints(
    FakeStripeStore store, FaultInjector faults, RequestJournal journal, LatencySetting latency, RateLimiter rateLimiter, ConnectionCounter connections)
{
    public const string Prefix = "/_fake";

    private static readonly char[] CountSeparators = [',', ' ', '\n', '\r', '\t'];

    public static bool Handles(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query;
        var route = (request.Method, request.Path.Value!.Substring(Prefix.Length).TrimEnd('/'));
        try
        {
            await (route switch
            {
                ("GET", "/health") => WriteAsync(context, 200, new { ok = true }),
                ("POST", "/customers") => WriteAsync(context, 200, new { id = CreateCustomer(query) }),
                ("POST", "/customers/seed") => WriteAsync(context, 200, new { ids = await SeedCustomersAsync(request) }),
                ("DELETE", "/customers") => DeleteCustomer(context, query),
                ("GET", "/requests") => WriteAsync(context, 200, Journal()),
                ("GET", "/connections") => WriteAsync(context, 200, new { accepted = connections.Accepted, open = connections.Open }),
                ("DELETE", "/requests") => Clear(context),
                ("POST", "/faults") => WriteAsync(context, 200, new { pending = EnqueueFaults(query) }),
                ("POST", "/latency") => WriteAsync(context, 200, SetLatency(query)),
                ("GET", "/rate-limits") => WriteAsync(context, 200, RateLimits()),
                ("POST", "/rate-limits") => WriteAsync(context, 200, SetRateLimits(query)),
                ("DELETE", "/rate-limits") => WriteAsync(context, 200, ClearRateLimits()),
                _ => WriteAsync(context, 404, new { error = $"No control endpoint {request.Method} {request.Path}." }),
            });
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException or OverflowException)
        {
            await WriteAsync(context, 400, new { error = exception.Message });
        }
    }

    private string CreateCustomer(IQueryCollection query)
    {
        var currency = Text(query, "currency") ?? "usd";
        var id = store.CreateCustomer(currency, Text(query, "id"));
        var seed = Integer(query, "seed") ?? 0;
        if (seed > 0)
        {
            store.Seed(id, seed, currency);
        }

        return id;
    }

    // The counts come from the query (counts=0,5,250) or, for more customers than a URL holds, the body; commas or
    // white space separate them.
    private async Task<IReadOnlyList<string>> SeedCustomersAsync(HttpRequest request)
    {
        string text;
        if (Text(request.Query, "counts") is { } inQuery)
        {
            text = inQuery;
        }
        else
        {
            using var reader = new StreamReader(request.Body);
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

        var counts = text.Split(CountSeparators, StringSplitOptions.RemoveEmptyEntries)
            .Select(count => int.Parse(count, NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();
        if (counts.Length == 0)
        {
            throw new ArgumentException("Give the transaction counts as counts=<n>,<n>,... or in the body.");
        }

        var perSecond = Text(request.Query, "per_second") is { } tie ? int.Parse(tie, NumberStyles.None, CultureInfo.InvariantCulture) : 1;
        return store.SeedCustomers(counts, Text(request.Query, "currency") ?? "usd", perSecond);
    }

    private Task DeleteCustomer(HttpContext context, IQueryCollection query)
    {
        var id = Text(query, "id") ?? throw new ArgumentException("Give the customer as id=<cus_...>.");
        return store.DeleteCustomer(id)
            ? WriteAsync(context, 200, new { id, deleted = true })
            : WriteAsync(context, 404, new { error = $"No customer {id}." });
    }

    private object Journal()
    {
        var requests = journal.Snapshot();
        return new
        {
            count = requests.Count,
            rate_limited = requests.Count(r => r.Status == 429),
            requests = requests.Select(r => new
            {
                method = r.Method,
                path = r.RawPath,
                query = r.RawQuery,
                body = r.RawBody,
                status = r.Status,
                received_at = r.ReceivedAt,
                completed_at = r.IsCompleted ? r.CompletedAt : (DateTimeOffset?)null,
            }),
        };
    }

    private Task Clear(HttpContext context)
    {
        journal.Clear();
        faults.Clear();
        return WriteAsync(context, 200, new { cleared = true });
    }

    private int EnqueueFaults(IQueryCollection query)
    {
        var fault = (Text(query, "kind") ?? "status") switch
        {
            "status" => Fault.Status(
                Integer(query, "status") ?? 500,
                Text(query, "type") ?? "api_error",
                Text(query, "code"),
                Text(query, "message") ?? "Injected failure",
                Text(query, "should_retry") is { } shouldRetry ? bool.Parse(shouldRetry) : null,
                Integer(query, "retry_after")),
            "reset_before_commit" => Fault.ResetBeforeCommit(),
            "reset_after_commit" => Fault.ResetAfterCommit(),
            "truncated_json" => Fault.TruncatedJson(),
            "malformed_json" => Fault.MalformedJson(),
            "malformed_object" => Fault.MalformedObject(
                Text(query, "field") ?? throw new ArgumentException("Give the field to spoil as field=<name>, such as field=amount."),
                Enum.Parse<FieldDefect>((Text(query, "defect") ?? "missing").Replace("_", string.Empty), ignoreCase: true)),
            "delay" => Fault.Delay(TimeSpan.FromMilliseconds(Integer(query, "delay_ms") ?? 1_000)),
            "delay_after_commit" => Fault.DelayAfterCommit(TimeSpan.FromMilliseconds(Integer(query, "delay_ms") ?? 1_000)),
            var kind => throw new ArgumentException($"Unknown fault kind '{kind}'."),
        };
        for (var i = 0; i < (Integer(query, "count") ?? 1); i++)
        {
            faults.Enqueue(fault, Text(query, "method"), Text(query, "path_contains"), Text(query, "query_contains"));
        }

        return faults.Pending;
    }

    private object SetLatency(IQueryCollection query)
    {
        var milliseconds = Integer(query, "ms");
        var jitterMilliseconds = Integer(query, "jitter_ms");
        if (milliseconds is null && jitterMilliseconds is null)
        {
            throw new ArgumentException("Give the latency as ms=<milliseconds> and/or jitter_ms=<milliseconds>.");
        }

        var value = milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : latency.Value;
        var jitter = jitterMilliseconds is { } jitterMs ? TimeSpan.FromMilliseconds(jitterMs) : latency.Jitter;
        if (value < TimeSpan.Zero || jitter < TimeSpan.Zero)
        {
            throw new ArgumentException("Latency and jitter cannot be negative.");
        }

        latency.Value = value;
        latency.Jitter = jitter;
        return new { ms = latency.Value.TotalMilliseconds, jitter_ms = latency.Jitter.TotalMilliseconds };
    }

    private object RateLimits() => Describe(rateLimiter.Limits);

    // Parameters left out keep FakeRateLimits' defaults (Stripe's), not the previous setting: the result is the same
    // whatever was set before.
    private object SetRateLimits(IQueryCollection query)
    {
        var limits = new FakeRateLimits();
        if (Number(query, "global") is { } global)
        {
            limits.GlobalPerSecond = global;
        }

        if (Number(query, "endpoint") is { } endpoint)
        {
            limits.PerEndpointPerSecond = endpoint;
        }

        if (Integer(query, "concurrency") is { } concurrency)
        {
            limits.MaxConcurrentRequests = concurrency;
        }

        if (Text(query, "retry_after") is { } retryAfter)
        {
            limits.SendRetryAfter = bool.Parse(retryAfter);
        }

        rateLimiter.Limits = limits;
        return Describe(limits);
    }

    private object ClearRateLimits()
    {
        rateLimiter.Limits = null;
        return Describe(null);
    }

    private static object Describe(FakeRateLimits? limits) => limits is null
        ? new { enabled = false }
        : new
        {
            enabled = true,
            global = limits.GlobalPerSecond,
            endpoint = limits.PerEndpointPerSecond,
            concurrency = limits.MaxConcurrentRequests,
            retry_after = limits.SendRetryAfter,
        };

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.Count > 0 && value[0]!.Length > 0 ? value[0] : null;

    private static int? Integer(IQueryCollection query, string name) =>
        Text(query, name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static double? Number(IQueryCollection query, string name) =>
        Text(query, name) is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    private static async Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), cancellationToken: context.RequestAborted);
    }
}
