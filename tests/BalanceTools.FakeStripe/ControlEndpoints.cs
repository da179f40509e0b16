using System.Globalization;
using System.Text.Json;

namespace BalanceTools.FakeStripe;

/// <summary>
/// The <c>/_fake/</c> endpoints through which a test or benchmark in another process seeds customers, injects
/// faults and latency, and reads the request journal. They bypass the Stripe pipeline, so they are never journaled,
/// faulted or authenticated.
/// </summary>
internal sealed class ControlEndpoints(FakeStripeStore store, FaultInjector faults, RequestJournal journal, LatencySetting latency)
{
    public const string Prefix = "/_fake";

    public static bool Handles(HttpContext context) => context.Request.Path.StartsWithSegments(Prefix);

    public Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query;
        var route = (request.Method, request.Path.Value!.Substring(Prefix.Length).TrimEnd('/'));
        try
        {
            return route switch
            {
                ("GET", "/health") => WriteAsync(context, 200, new { ok = true }),
                ("POST", "/customers") => WriteAsync(context, 200, new { id = CreateCustomer(query) }),
                ("GET", "/requests") => WriteAsync(context, 200, Journal()),
                ("DELETE", "/requests") => Clear(context),
                ("POST", "/faults") => WriteAsync(context, 200, new { pending = EnqueueFaults(query) }),
                ("POST", "/latency") => WriteAsync(context, 200, new { ms = SetLatency(query) }),
                _ => WriteAsync(context, 404, new { error = $"No control endpoint {request.Method} {request.Path}." }),
            };
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            return WriteAsync(context, 400, new { error = exception.Message });
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

    private object Journal()
    {
        var requests = journal.Snapshot();
        return new
        {
            count = requests.Count,
            requests = requests.Select(r => new { method = r.Method, path = r.RawPath, query = r.RawQuery, body = r.RawBody }),
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
            "delay" => Fault.Delay(TimeSpan.FromMilliseconds(Integer(query, "delay_ms") ?? 1_000)),
            var kind => throw new ArgumentException($"Unknown fault kind '{kind}'."),
        };
        for (var i = 0; i < (Integer(query, "count") ?? 1); i++)
        {
            faults.Enqueue(fault, Text(query, "method"), Text(query, "path_contains"), Text(query, "query_contains"));
        }

        return faults.Pending;
    }

    private double SetLatency(IQueryCollection query)
    {
        latency.Value = TimeSpan.FromMilliseconds(Integer(query, "ms") ?? throw new ArgumentException("Give the latency as ms=<milliseconds>."));
        return latency.Value.TotalMilliseconds;
    }

    private static string? Text(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var value) && value.Count > 0 && value[0]!.Length > 0 ? value[0] : null;

    private static int? Integer(IQueryCollection query, string name) =>
        Text(query, name) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    private static async Task WriteAsync(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, body, body.GetType(), cancellationToken: context.RequestAborted);
    }
}
