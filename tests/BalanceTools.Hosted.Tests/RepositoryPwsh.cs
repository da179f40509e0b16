using System.Diagnostics;
using System.Reflection;

namespace BalanceTools.Hosted.Tests;

/// <summary>The repository's pwsh (tools/BalanceTools.Pwsh) run as a child process, as the README and CI run it.</summary>
internal static class RepositoryPwsh
{
    private static readonly string Configuration =
        typeof(RepositoryPwsh).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string Program { get; } = Path.Combine(StagedModule.RepositoryRoot, "tools", "BalanceTools.Pwsh", "bin", Configuration, "net10.0", "pwsh.dll");

    /// <summary>Runs pwsh with <paramref name="arguments"/> in <paramref name="workingDirectory"/> and waits at most a minute.</summary>
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, new Dictionary<string, string?>(), arguments);

    /// <summary>The same with <paramref name="environment"/> set (a null value removes the variable) in the child alone.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The child must find its own key and address, never the test process's.
        start.Environment.Remove("STRIPE_API_KEY");
        start.Environment.Remove("STRIPE_API_BASE");
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pwsh {string.Join(' ', arguments)} did not finish within a minute.");
        }

        return (process.ExitCode, await output, await error);
    }
}
