using System.Management.Automation;
using System.Security;
using BalanceTools.Client;

namespace BalanceTools.Commands;

/// <summary>
/// Sets the session default used by every cmdlet of this module: key, account, API version, base URI, retries and
/// timeout. Parameters given to a cmdlet still win; the environment (STRIPE_API_KEY, STRIPE_API_BASE) fills gaps.
/// Sends no request.
/// </summary>
[Cmdlet(VerbsCommunications.Connect, "Stripe", DefaultParameterSetName = KeySet)]
[OutputType(typeof(StripeConnectionSettings))]
public sealed class ConnectStripeCommand : ConnectionParameters
{
    private const string KeySet = "ApiKey";
    private const string CredentialSet = "Credential";

    /// <summary>An Automation credential (or any PSCredential) whose password is the key; the user name is ignored.</summary>
    [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
    [Credential]
    [ValidateNotNull]
    public PSCredential? Credential { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == CredentialSet && ApiKey is not null)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters("Give -ApiKey or -Credential, not both.", nameof(ApiKey)));
        }

        SecureString? key = ParameterSetName == CredentialSet ? Credential!.Password : ApiKey;
        var settings = FromSettings(() =>
        {
            var connection = BoundSettings(key, ParameterSetName == CredentialSet ? "-Credential" : "-ApiKey").Over(new StripeConnectionSettings
            {
                ApiKey = StripeConnectionSettings.ApiKeyFromEnvironment(Environment.GetEnvironmentVariable),
            });
            using (new CustomerBalanceTransactionClient(connection.ToClientOptions()))
            {
                // Constructing a client checks the base URI (https, or http to loopback) now rather than at first use.
            }

            return connection;
        });

        StripeSession.Set(settings);
        WriteVerbose($"Connected to Stripe in {settings.Mode} mode with key {settings.ApiKey}.");
        if (PassThru)
        {
            WriteObject(settings);
        }
    }
}
