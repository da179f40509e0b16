using System.Reflection;

namespace BalanceTools.Desktop.Tests;

/// <summary>Where the build put what the tests load, as recorded in this assembly when it was compiled.</summary>
internal static class BuildPaths
{
    /// <summary>The staged <c>out/BalanceTools/desktop/Dependencies</c> folder, exactly as the module ships it.</summary>
    public static string DesktopDependencies { get; } = Value("DesktopDependencies");

    /// <summary>The fake Stripe server's entry assembly (a .NET 8 program).</summary>
    public static string FakeStripeAssembly { get; } = Value("FakeStripeAssembly");

    /// <summary>The .NET Framework 4.7.2 reference assemblies and their facades: what Windows PowerShell 5.1 can rely on.</summary>
    public static IReadOnlyList<string> FrameworkReferenceDirectories { get; } =
        Value("FrameworkReferenceDirectories").Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);

    private static string Value(string key) =>
        typeof(BuildPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value;
}
