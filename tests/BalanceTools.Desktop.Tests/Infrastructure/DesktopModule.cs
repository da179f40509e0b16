using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

/// <summary>
/// What the desktop module's <c>ModuleInitializer.OnImport</c> does on Windows PowerShell 5.1
/// (src/BalanceTools/Infrastructure/ModuleInitializer.cs): an <c>AssemblyResolve</c> handler that loads any assembly it
/// is asked for from the staged Dependencies folder by simple name, then TLS 1.2 added. Nothing of the client lies
/// beside the tests, so every client type they use is bound through this handler.
/// </summary>
internal static class DesktopModule
{
    private static readonly ConcurrentQueue<Resolution> ResolutionLog = new();
    private static int imported;

    /// <summary>Every request the handler served, in order.</summary>
    public static IReadOnlyList<Resolution> Resolutions => ResolutionLog.ToArray();

    /// <summary>The process-wide protocols before <see cref="TlsPolicy.EnsureTls12"/> ran at import.</summary>
    public static SecurityProtocolType ProtocolsBeforeImport { get; private set; }

    /// <summary>The import, in the module's order; <see cref="DesktopTestFramework"/> runs it before any test is looked at.</summary>
    public static void Import()
    {
        // The runner may make its framework more than once in one AppDomain (to find the tests, then to run them).
        if (Interlocked.Exchange(ref imported, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyDirectory;
        ProtocolsBeforeImport = ServicePointManager.SecurityProtocol;
        EnableTls12();
    }

    // As in the module: a method that names a client type loads the client when it is compiled, so it is kept apart.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnableTls12() => TlsPolicy.EnsureTls12();

    private static Assembly? ResolveFromDependencyDirectory(object? sender, ResolveEventArgs args)
    {
        var path = Path.Combine(BuildPaths.DesktopDependencies, new AssemblyName(args.Name).Name + ".dll");
        var found = File.Exists(path);
        ResolutionLog.Enqueue(new Resolution(args.Name, found ? path : null));
        return found ? Assembly.LoadFrom(path) : null;
    }
}
