using System.Reflection;
using Xunit.Abstractions;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class StagedDependencyTests(FakeStripeProcess stripe, ITestOutputHelper output)
{
    private static readonly string[] StagedFiles = Directory.GetFiles(BuildPaths.DesktopDependencies, "*.dll");

    [Fact]
    public async Task The_client_and_what_it_loads_for_a_request_come_from_the_staged_folder_through_AssemblyResolve()
    {
        var customer = await stripe.CreateCustomerAsync(3);
        using (var desktop = new DesktopClient(stripe))
        {
            Assert.Equal(3, (await desktop.Client.ListAsync(customer)).Data.Count);
        }

        Assert.False(File.Exists(Path.Combine(AppDomain.CurrentDomain.BaseDirectory, "BalanceTools.Client.dll")), "the client was copied beside the tests");
        Assert.Contains(DesktopModule.Resolutions, r => new AssemblyName(r.Requested).Name == "BalanceTools.Client" && r.LoadedFrom is not null);
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => !a.IsDynamic).ToList();
        var fromFolder = loaded
            .Where(a => string.Equals(Path.GetDirectoryName(a.Location), BuildPaths.DesktopDependencies, StringComparison.Ordinal))
            .Select(a => a.GetName().Name)
            .ToList();
        Assert.Empty(new[]
        {
            "BalanceTools.Client", "RestSharp", "System.Text.Json", "Microsoft.Bcl.AsyncInterfaces", "System.Threading.RateLimiting",
            "System.Memory", "System.Buffers", "System.Runtime.CompilerServices.Unsafe", "System.Threading.Tasks.Extensions",
        }.Except(fromFolder));

        // The runtime may load its own copy of a same-named assembly at another version for its own use (Mono's
        // System.Numerics.Vectors 4.0.0.0, as .NET Framework has one in its GAC); the client's identities must not.
        var staged = StagedFiles.Select(AssemblyName.GetAssemblyName).Select(n => n.FullName).ToList();
        var elsewhere = loaded
            .Where(a => staged.Contains(a.FullName))
            .Where(a => !string.Equals(Path.GetDirectoryName(a.Location), BuildPaths.DesktopDependencies, StringComparison.Ordinal))
            .Select(a => a.FullName + " from " + a.Location)
            .ToList();
        Assert.True(elsewhere.Count == 0, "Loaded from outside the Dependencies folder: " + string.Join("; ", elsewhere));
        foreach (var resolution in DesktopModule.Resolutions)
        {
            output.WriteLine(resolution.ToString());
        }

        foreach (var assembly in loaded.Where(a => StagedFiles.Any(f => Path.GetFileNameWithoutExtension(f) == a.GetName().Name)))
        {
            output.WriteLine("loaded " + assembly.FullName + " from " + assembly.Location);
        }
    }

    [Fact]
    public void Every_reference_of_a_staged_assembly_is_met_by_the_folder_at_that_version_or_newer_or_by_NET_Framework_472()
    {
        var staged = StagedFiles.Select(AssemblyName.GetAssemblyName).ToDictionary(n => n.Name);
        var framework = BuildPaths.FrameworkReferenceDirectories
            .SelectMany(directory => Directory.GetFiles(directory, "*.dll"))
            .Select(NameOrNull)
            .OfType<AssemblyName>()
            .GroupBy(n => n.Name)
            .ToDictionary(g => g.Key, g => g.Max(n => n.Version));
        var problems = new List<string>();

        foreach (var file in StagedFiles)
        {
            var assembly = Assembly.LoadFrom(file);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                var owner = assembly.GetName().Name + " needs " + reference.FullName;
                if (staged.TryGetValue(reference.Name, out var shipped))
                {
                    if (shipped.Version < reference.Version || !Token(shipped).SequenceEqual(Token(reference)))
                    {
                        problems.Add(owner + " but the folder has " + shipped.FullName);
                    }
                    else if (shipped.Version != reference.Version)
                    {
                        // .NET Framework binds strong names exactly: this one reaches the module's AssemblyResolve.
                        output.WriteLine(owner + ": the folder's " + shipped.Version + " is bound by AssemblyResolve");
                    }
                }
                else if (!framework.TryGetValue(reference.Name, out var version))
                {
                    problems.Add(owner + ", which is neither in the folder nor part of .NET Framework 4.7.2");
                }
                else if (version < reference.Version)
                {
                    problems.Add(owner + " but .NET Framework 4.7.2 has " + version);
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        Assert.Contains("BalanceTools.Client", staged.Keys);
    }

    // A few files among the reference assemblies are not managed assemblies at all.
    private static AssemblyName? NameOrNull(string file)
    {
        try
        {
            return AssemblyName.GetAssemblyName(file);
        }
        catch (Exception exception) when (exception is BadImageFormatException or ArgumentException)
        {
            return null;
        }
    }

    private static byte[] Token(AssemblyName name) => name.GetPublicKeyToken() ?? Array.Empty<byte>();
}
