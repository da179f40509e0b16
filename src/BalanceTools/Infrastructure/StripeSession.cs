using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// The deliberate session default set by <c>Connect-Stripe</c>: one per runspace, so parallel runspaces
/// (<c>ForEach-Object -Parallel</c>, runbook jobs) each keep their own and a closed runspace releases its key.
/// </summary>
internal static class StripeSession
{
    private static readonly ConditionalWeakTable<Runspace, StripeConnectionSettings> Defaults = new();

    public static StripeConnectionSettings? Current =>
        Runspace.DefaultRunspace is { } runspace && Defaults.TryGetValue(runspace, out var settings) ? settings : null;

    public static void Set(StripeConnectionSettings settings)
    {
        var runspace = RequireRunspace();
        Defaults.Remove(runspace);
        Defaults.Add(runspace, settings);
    }

    public static bool Clear() => Runspace.DefaultRunspace is { } runspace && Defaults.Remove(runspace);

    private static Runspace RequireRunspace() =>
        Runspace.DefaultRunspace ?? throw new InvalidOperationException("Connect-Stripe must run inside a PowerShell runspace.");
}
