using System.Management.Automation;

namespace BalanceTools.Commands;

/// <summary>Forgets the session default set by Connect-Stripe.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "Stripe")]
[OutputType(typeof(void))]
public sealed class DisconnectStripeCommand : PSCmdlet
{
    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (!StripeSession.Clear())
        {
            WriteVerbose("There was no Stripe session default to remove.");
        }
    }
}
