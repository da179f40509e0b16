#if NET8_0_OR_GREATER
using System.Reflection;
using System.Runtime.Loader;

namespace BalanceTools;

/// <summary>
/// The module's private load context: assemblies found in the Dependencies folder load here, in isolation;
/// anything else (the .NET runtime's own assemblies) falls back to the default context.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    public const string EntryAssemblyName = "BalanceTools.Client";

    private readonly string directory;

    private DependencyLoadContext(string directory)
        : base("BalanceTools.Dependencies")
    {
        this.directory = directory;
    }

    // One context per process: loading the same assemblies into a second context on re-import would give two
    // incompatible copies of every type.
    public static DependencyLoadContext Instance { get; } =
        new(Path.Combine(Path.GetDirectoryName(typeof(DependencyLoadContext).Assembly.Location)!, "Dependencies"));

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Combine(directory, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
#endif
