namespace BalanceTools.FakeStripe;

/// <summary>A failure to inject into one upcoming request; see <see cref="FaultInjector"/>.</summary>
public abstract record Fault
{
    private protected Fault()
    {
    }

    /// <summary>Answers with a Stripe error instead of handling the request.</summary>
    public static Fault Status(
        int status,
        string type = "api_error",
        string? code = null,
        string message = "Injected failure",
        bool? shouldRetry = null,
        int? retryAfterSeconds = null) =>
        new StatusFault(status, type, code, message, shouldRetry, retryAfterSeconds);

    /// <summary>Stripe's 409 for an object locked by another request.</summary>
    public static Fault LockTimeout() => new StatusFault(
        409,
        "invalid_request_error",
        "lock_timeout",
        "This object cannot be accessed right now because another API request or Stripe process is currently accessing it. "
        + "If you see this error intermittently, retry the request. If you see this error frequently and are making multiple "
        + "concurrent requests to a single object, make your requests serially or at a lower rate.",
        null,
        null);

    /// <summary>Stripe's 429 rate-limit error.</summary>
    public static Fault RateLimit(bool? shouldRetry = null, int? retryAfterSeconds = null) => new StatusFault(
        429,
        "invalid_request_error",
        "rate_limit",
        StripeErrors.RateLimitMessage,
        shouldRetry,
        retryAfterSeconds);

    /// <summary>Drops the connection before the request is handled; nothing is stored.</summary>
    public static Fault ResetBeforeCommit() => new ResetBeforeCommitFault();

    /// <summary>Handles the request fully (stored, idempotency recorded), then drops the connection instead of answering.</summary>
    public static Fault ResetAfterCommit() => new ResetAfterCommitFault();

    /// <summary>
    /// Handles the request fully (stored, idempotency recorded), then waits <paramref name="delay"/> before answering:
    /// a client whose timeout is shorter gives up on a request that has already taken effect.
    /// </summary>
    public static Fault DelayAfterCommit(TimeSpan delay) => new DelayAfterCommitFault(delay);

    /// <summary>Waits <paramref name="delay"/> longer than usual, then handles the request normally.</summary>
    public static Fault Delay(TimeSpan delay) => new DelayFault(delay);

    /// <summary>Handles the request, announces the full Content-Length, sends half the JSON and drops the connection.</summary>
    public static Fault TruncatedJson() => new TruncatedJsonFault();

    /// <summary>Handles the request, then answers 200 with a correctly framed body that is not valid JSON.</summary>
    public static Fault MalformedJson() => new MalformedJsonFault();

    /// <summary>
    /// Handles the request, then answers with valid JSON in which <paramref name="field"/> is missing, null or of the
    /// wrong type: in every object of a list (<c>data</c> and <c>has_more</c> name the list's own fields), or in the
    /// single object answered. What a broken proxy, a truncated rewrite or an API change could deliver.
    /// </summary>
    public static Fault MalformedObject(string field, FieldDefect defect = FieldDefect.Missing) => new MalformedObjectFault(field, defect);
}

/// <summary>How <see cref="Fault.MalformedObject"/> spoils a field.</summary>
public enum FieldDefect
{
    /// <summary>The field is left out.</summary>
    Missing,

    /// <summary>The field is sent as null.</summary>
    Null,

    /// <summary>The field is sent as a value of another JSON type: text for a number, a number for text.</summary>
    WrongType,
}

public sealed record StatusFault(
    int StatusCode,
    string ErrorType,
    string? ErrorCode,
    string Message,
    bool? ShouldRetry,
    int? RetryAfterSeconds) : Fault;

public sealed record ResetBeforeCommitFault : Fault;

public sealed record ResetAfterCommitFault : Fault;

public sealed record DelayFault(TimeSpan Duration) : Fault;

public sealed record DelayAfterCommitFault(TimeSpan Duration) : Fault;

public sealed record TruncatedJsonFault : Fault;

public sealed record MalformedJsonFault : Fault;

public sealed record MalformedObjectFault(string Field, FieldDefect Defect) : Fault
{
    private static readonly HashSet<string> ListFields = new(StringComparer.Ordinal) { "data", "has_more" };

    /// <summary>The response's body with the field spoiled; a body that is not a JSON object is left as it is.</summary>
    internal ReadOnlyMemory<byte> Spoil(ReadOnlyMemory<byte> body)
    {
        if (System.Text.Json.Nodes.JsonNode.Parse(body.Span) is not System.Text.Json.Nodes.JsonObject root)
        {
            return body;
        }

        var isList = root["object"]?.GetValue<string>() == "list";
        if (isList && !ListFields.Contains(Field))
        {
            foreach (var item in root["data"]!.AsArray().OfType<System.Text.Json.Nodes.JsonObject>())
            {
                Spoil(item);
            }
        }
        else
        {
            Spoil(root);
        }

        return System.Text.Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private void Spoil(System.Text.Json.Nodes.JsonObject target)
    {
        switch (Defect)
        {
            case FieldDefect.Missing:
                target.Remove(Field);
                break;
            case FieldDefect.Null:
                target[Field] = null;
                break;
            default:
                target[Field] = target[Field]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? System.Text.Json.Nodes.JsonValue.Create(42)
                    : System.Text.Json.Nodes.JsonValue.Create("42");
                break;
        }
    }
}
