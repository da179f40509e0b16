using System.Reflection;

namespace BalanceTools.Hosted.Tests;

/// <summary>Where the build staged the module that the tests import.</summary>
internal static class StagedModule
{
    public static string RepositoryRoot { get; } =
        typeof(StagedModule).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    public static string Directory { get; } = Path.Combine(RepositoryRoot, "out", "BalanceTools");

    public static string Manifest { get; } = Path.Combine(Directory, "BalanceTools.psd1");
}
