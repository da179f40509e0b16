using System.Management.Automation;
using System.Net;
using System.Security;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>The parameters that say how to reach Stripe, shared by every cmdlet of the module.</summary>
public abstract class ConnectionParameters : PSCmdlet
{
    [Parameter]
    [ApiKeyTransformation]
    [ValidateNotNull]
    public SecureString? ApiKey { get; set; }

    [Parameter]
    [ValidateStripeId(StripeIdParameter.ConnectedAccount)]
    public string? StripeAccount { get; set; }

    [Parameter]
    [ValidateApiVersion]
    public string? ApiVersion { get; set; }

    [Parameter]
    [BaseUriTransformation]
    [ValidateNotNull]
    public Uri? ApiBaseUri { get; set; }

    [Parameter]
    [WholeNumber(0, 10)]
    public int MaxNetworkRetries { get; set; }

    [Parameter]
    [WholeNumber(1, 3600)]
    public int TimeoutSec { get; set; }

    [Parameter]
    public SwitchParameter RetryOnRateLimit { get; set; }

    [Parameter]
    [RequestRate]
    public double MaxRequestsPerSecond { get; set; }

    [Parameter]
    [ProxyUriTransformation]
    [ValidateNotNull]
    public Uri? Proxy { get; set; }

    [Parameter]
    [Credential]
    [ValidateNotNull]
    public PSCredential? ProxyCredential { get; set; }

    [Parameter]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    [Parameter]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>
    /// The settings these parameters give, leaving unset what the caller did not bind; <paramref name="keySource"/>
    /// names the parameter the key came from, for the message when it cannot be used.
    /// </summary>
    internal StripeConnectionSettings BoundSettings(SecureString? key, string keySource = "-" + nameof(ApiKey)) => new()
    {
        ApiKey = key is null ? null : UsableKey(new NetworkCredential(string.Empty, key).Password, keySource),
        ApiBaseUri = ApiBaseUri,
        ApiVersion = ApiVersion,
        StripeAccount = StripeAccount,
        MaxNetworkRetries = IsBound(nameof(MaxNetworkRetries)) ? MaxNetworkRetries : null,
        Timeout = IsBound(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : null,
        RetryOnRateLimit = IsBound(nameof(RetryOnRateLimit)) ? RetryOnRateLimit.IsPresent : null,
        MaxRequestsPerSecond = IsBound(nameof(MaxRequestsPerSecond)) ? MaxRequestsPerSecond : null,
        Proxy = BoundProxy(),
    };

    /// <summary>
    /// The proxy these parameters name, with Invoke-RestMethod's meanings and exclusions; null when none of them was
    /// given, so that the session default or else the system's and the environment's settings apply.
    /// </summary>
    private ProxySettings? BoundProxy()
    {
        var useDefaultCredentials = ProxyUseDefaultCredentials.IsPresent;
        if (ProxyCredential is not null && useDefaultCredentials)
        {
            throw new StripeInputException("Give -ProxyCredential (a user name and password for the proxy) or -ProxyUseDefaultCredentials (your Windows sign-in), not both.", nameof(ProxyCredential));
        }

        if (NoProxy && Proxy is not null)
        {
            throw new StripeInputException("-NoProxy sends requests straight to Stripe, so it cannot be combined with -Proxy: give one of them.", nameof(NoProxy));
        }

        if (Proxy is null && (ProxyCredential is not null || useDefaultCredentials))
        {
            var given = ProxyCredential is not null ? "-ProxyCredential" : "-ProxyUseDefaultCredentials";
            throw new StripeInputException($"{given} is for a proxy named with -Proxy in the same command: add -Proxy with the proxy's address, such as -Proxy http://proxy.example.com:8080.", nameof(Proxy));
        }

        if (NoProxy)
        {
            return ProxySettings.None;
        }

        return Proxy is null ? null : ProxySettings.Through(Proxy, ProxyCredential?.GetNetworkCredential(), useDefaultCredentials);
    }

    private static StripeApiKey UsableKey(string secret, string source) =>
        StripeApiKey.Problem(secret) is { } problem
            ? throw new StripeInputException($"The key given with {source} cannot be used. {problem}", source.TrimStart('-'))
            : new StripeApiKey(secret);

    internal bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

    /// <summary>
    /// Builds something from the connection settings; a missing key or a bad key, base URI or environment variable
    /// affects every item alike, so it stops the command with an error record.
    /// </summary>
    internal T FromSettings<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (MissingApiKeyException exception)
        {
            ThrowTerminatingError(ErrorRecords.MissingApiKey(exception));
            throw;
        }
        catch (ArgumentException exception)
        {
            ThrowTerminatingError(ErrorRecords.InvalidArgument(exception, ApiBaseUri));
            throw;
        }
    }

    internal static StripeConnectionSettings EnvironmentSettings() =>
        StripeConnectionSettings.FromEnvironment(Environment.GetEnvironmentVariable);
}
