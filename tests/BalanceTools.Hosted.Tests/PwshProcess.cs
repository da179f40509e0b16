using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// A pwsh 7.6.9 process of its own (<see cref="RepositoryPwsh"/>) running one command against the fake server, with the
/// staged module imported and the key in STRIPE_API_KEY, as a runbook has it: a run a test can interrupt or kill.
/// </summary>
internal sealed class PwshProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();
    private readonly List<string> output = new();

    private PwshProcess(Process process) => this.process = process;

    public bool HasExited => process.HasExited;

    public static PwshProcess Start(string command, string apiKey)
    {
        // Through env, which puts SIGINT back to its default: a process started in the background (a CI job, a test
        // host) inherits SIGINT ignored, and .NET then never sees a Ctrl+C.
        var start = new ProcessStartInfo("env") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(RepositoryPwsh.Program);
        start.ArgumentList.Add("-NoProfile");
        start.ArgumentList.Add("-NonInteractive");
        start.ArgumentList.Add("-Command");
        start.ArgumentList.Add($"Import-Module '{StagedModule.Manifest}' -ErrorAction Stop; {command}");
        start.Environment["STRIPE_API_KEY"] = apiKey;
        var pwsh = new PwshProcess(Process.Start(start)!);

        // Both drained as they come, so a full pipe never blocks the child.
        pwsh.process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is { } text)
            {
                lock (pwsh.output)
                {
                    pwsh.output.Add(text);
                }
            }
        };
        pwsh.process.ErrorDataReceived += (_, line) =>
        {
            lock (pwsh.errors)
            {
                pwsh.errors.AppendLine(line.Data);
            }
        };
        pwsh.process.BeginOutputReadLine();
        pwsh.process.BeginErrorReadLine();
        return pwsh;
    }

    /// <summary>What the process printed to its error stream, once it has exited.</summary>
    public async Task<string> ErrorsAsync()
    {
        await process.WaitForExitAsync();
        lock (errors)
        {
            return errors.ToString();
        }
    }

    /// <summary>The lines the process printed to its output, once it has exited; fails the test if it exited with an error.</summary>
    public async Task<IReadOnlyList<string>> OutputAsync()
    {
        var printedErrors = await ErrorsAsync();
        Assert.True(process.ExitCode == 0 && printedErrors.Trim().Length == 0, $"pwsh exited with {process.ExitCode}: {printedErrors}");
        lock (output)
        {
            return output.ToList();
        }
    }

    /// <summary>Ctrl+C, as a console delivers it: SIGINT.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-INT", process.Id.ToString(CultureInfo.InvariantCulture) }, UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>SIGKILL: the process ends at once, whatever it was doing.</summary>
    public Task KillAsync()
    {
        process.Kill();
        return process.WaitForExitAsync();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        process.Dispose();
    }
}
