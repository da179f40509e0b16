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
    };

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
