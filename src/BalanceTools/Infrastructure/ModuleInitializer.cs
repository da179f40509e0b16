using System.Management.Automation;
using System.Reflection;
#if NET8_0_OR_GREATER
using System.Runtime.Loader;
#endif

namespace BalanceTools;

/// <summary>
/// Makes the module's private dependencies (the client library, RestSharp and, on Windows PowerShell, the
/// System.Text.Json family) resolvable from the module's own Dependencies folder without exposing them to other
/// modules: on PowerShell 7 through a module-private <c>AssemblyLoadContext</c>, on Windows PowerShell 5.1 through
/// <c>AssemblyResolve</c>. On 5.1 it also adds TLS 1.2, which Stripe requires.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnImport()
    {
#if NET8_0_OR_GREATER
        AssemblyLoadContext.Default.Resolving += ResolveIntoPrivateContext;
#else
        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyDirectory;
        EnableTls12();
#endif
    }

    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
#if NET8_0_OR_GREATER
        AssemblyLoadContext.Default.Resolving -= ResolveIntoPrivateContext;
#else
        AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencyDirectory;
#endif
    }

#if NET8_0_OR_GREATER
    // Only the client library enters through the default context; everything it references is then resolved by
    // the private context itself, so RestSharp never becomes visible to (or clashes with) other modules.
    private static Assembly? ResolveIntoPrivateContext(AssemblyLoadContext defaultContext, AssemblyName name) =>
        name.Name == DependencyLoadContext.EntryAssemblyName ? DependencyLoadContext.Instance.LoadFromAssemblyName(name) : null;
#else
    // Kept out of OnImport: compiling a method that names a client type loads the client assembly, which only
    // works once the resolver is registered.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void EnableTls12() => Client.TlsPolicy.EnsureTls12();

    private static readonly string DependencyDirectory =
        Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "Dependencies");

    private static Assembly? ResolveFromDependencyDirectory(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(DependencyDirectory, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
#endif
}
