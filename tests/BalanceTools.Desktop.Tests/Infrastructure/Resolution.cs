namespace BalanceTools.Desktop.Tests;

/// <summary>One call of the AssemblyResolve handler: what was asked for and what the Dependencies folder gave.</summary>
internal sealed class Resolution
{
    public Resolution(string requested, string? loadedFrom)
    {
        Requested = requested;
        LoadedFrom = loadedFrom;
    }

    /// <summary>The full name the runtime could not bind by itself.</summary>
    public string Requested { get; }

    /// <summary>The file loaded for it, or null when the folder has no assembly of that name.</summary>
    public string? LoadedFrom { get; }

    public override string ToString() => Requested + " -> " + (LoadedFrom ?? "(not found)");
}
