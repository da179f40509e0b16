using System.Management.Automation;

namespace BalanceTools;

/// <summary>PowerShell wraps values in <see cref="PSObject"/>; rules look at what is inside.</summary>
internal static class PSValue
{
    public static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
