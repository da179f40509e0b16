namespace BalanceTools.Client;

/// <summary>
/// Connection settings from one source: a call's parameters, a session default, or the environment. Sources are
/// layered with <see cref="Over"/>, the first that sets a value winning, and the result becomes client options.
/// </summary>
public sealed class StripeConnectionSettings
{
    /// <summary>Environment variable for the base URI, e.g. <c>http://127.0.0.1:12111</c> for the offline server.</summary>
    public const string ApiBaseEnvironmentVariable = "STRIPE_API_BASE";

    /// <summary>The secret key.</summary>
    public StripeApiKey? ApiKey { get; init; }

    /// <summary>Where requests go.</summary>
    public Uri? ApiBaseUri { get; init; }

    /// <summary>The <c>Stripe-Version</c>.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The connected account to act for.</summary>
    public string? StripeAccount { get; init; }

    /// <summary>Retries after the first attempt.</summary>
    public int? MaxNetworkRetries { get; init; }

    /// <summary>Per-attempt timeout.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Retry 429 responses to writes (null: yes, the client's default).</summary>
    public bool? RetryOnRateLimit { get; init; }

    /// <summary>The process-wide request rate for this key and account; zero means no client-side limit.</summary>
    public double? MaxRequestsPerSecond { get; init; }

    /// <summary>The proxy, as one setting: a source that names a proxy, or no proxy, replaces a lower source's whole choice.</summary>
    public ProxySettings? Proxy { get; init; }

    /// <summary><c>test</c> or <c>live</c>, from the key; null without a key.</summary>
    public string? Mode => ApiKey is null ? null : ApiKey.IsTestMode ? "test" : "live";

    /// <summary>These settings, with every unset value taken from <paramref name="fallback"/>.</summary>
    public StripeConnectionSettings Over(StripeConnectionSettings? fallback) => fallback is null ? this : new StripeConnectionSettings
    {
        ApiKey = ApiKey ?? fallback.ApiKey,
        ApiBaseUri = ApiBaseUri ?? fallback.ApiBaseUri,
        ApiVersion = ApiVersion ?? fallback.ApiVersion,
        StripeAccount = StripeAccount ?? fallback.StripeAccount,
        MaxNetworkRetries = MaxNetworkRetries ?? fallback.MaxNetworkRetries,
        Timeout = Timeout ?? fallback.Timeout,
        RetryOnRateLimit = RetryOnRateLimit ?? fallback.RetryOnRateLimit,
        MaxRequestsPerSecond = MaxRequestsPerSecond ?? fallback.MaxRequestsPerSecond,
        Proxy = Proxy ?? fallback.Proxy,
    };

    /// <summary>Settings from <c>STRIPE_API_KEY</c>, <c>STRIPE_API_BASE</c> and <c>STRIPE_MAX_REQUESTS_PER_SECOND</c>, read through <paramref name="read"/>.</summary>
    public static StripeConnectionSettings FromEnvironment(Func<string, string?> read) => new()
    {
        ApiKey = ApiKeyFromEnvironment(read),
        ApiBaseUri = BaseUriFromEnvironment(read),
        MaxRequestsPerSecond = RateFromEnvironment(read),
    };

    private static double? RateFromEnvironment(Func<string, string?> read)
    {
        var text = read(StripeDefaults.MaxRequestsPerSecondEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return InputRules.RequestRate(text, out var rate) is { } problem
            ? throw new StripeInputException($"The {StripeDefaults.MaxRequestsPerSecondEnvironmentVariable} environment variable holds no usable rate. {problem}", StripeDefaults.MaxRequestsPerSecondEnvironmentVariable)
            : rate;
    }

    /// <summary>The key in <c>STRIPE_API_KEY</c>, or null.</summary>
    public static StripeApiKey? ApiKeyFromEnvironment(Func<string, string?> read)
    {
        var key = read(StripeDefaults.ApiKeyEnvironmentVariable)?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        return StripeApiKey.Problem(key) is { } problem
            ? throw new StripeInputException($"The {StripeDefaults.ApiKeyEnvironmentVariable} environment variable holds no usable key. {problem}", StripeDefaults.ApiKeyEnvironmentVariable)
            : new StripeApiKey(key!);
    }

    private static Uri? BaseUriFromEnvironment(Func<string, string?> read)
    {
        var text = read(ApiBaseEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return InputRules.BaseUri(text, out var uri) is { } problem
            ? throw new StripeInputException($"The {ApiBaseEnvironmentVariable} environment variable holds no usable address. {problem}", ApiBaseEnvironmentVariable)
            : uri;
    }

    /// <summary>Client options from these settings; throws <see cref="MissingApiKeyException"/> when no key was set anywhere.</summary>
    public StripeClientOptions ToClientOptions()
    {
        var options = new StripeClientOptions
        {
            ApiKey = ApiKey ?? throw new MissingApiKeyException(),
            StripeAccount = StripeAccount,
        };
        options.BaseUri = ApiBaseUri ?? options.BaseUri;
        options.ApiVersion = ApiVersion ?? options.ApiVersion;
        options.MaxNetworkRetries = MaxNetworkRetries ?? options.MaxNetworkRetries;
        options.Timeout = Timeout ?? options.Timeout;
        options.RetryOnRateLimit = RetryOnRateLimit ?? options.RetryOnRateLimit;
        options.MaxRequestsPerSecond = MaxRequestsPerSecond ?? options.MaxRequestsPerSecond;
        options.Proxy = Proxy ?? options.Proxy;
        return options;
    }
}
