using System.Reflection;

namespace BalanceTools.Module.Tests;

/// <summary>Where the build staged the module, and where the PowerShell reference assembly is.</summary>
internal static class StagedModule
{
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    public static string Directory { get; } = Path.Combine(RepositoryRoot, "out", "BalanceTools");

    public static string PowerShellReferenceAssembly { get; } = Metadata("PowerShellReferenceAssembly");

    public static string ConflictingRestSharp { get; } = Path.Combine(AppContext.BaseDirectory, "conflicting", "RestSharp.dll");

    public static IEnumerable<string> Editions { get; } = new[] { "core", "desktop" };

    public static string CmdletAssembly(string edition) => Path.Combine(Directory, edition, "BalanceTools.dll");

    public static string Dependencies(string edition) => Path.Combine(Directory, edition, "Dependencies");

    public static ModuleManifest Manifest { get; } = ModuleManifest.Read(Path.Combine(Directory, "BalanceTools.psd1"));

    private static string Metadata(string key) =>
        typeof(StagedModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
