using System.Diagnostics;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Starts this program again with a verb and arguments and returns what the child printed after
/// <see cref="ResultPrefix"/>: each measurement runs in a fresh process, so that its peak working set and
/// allocations belong to it alone and no JIT, pool or rate-limiter state carries over from the previous one.
/// </summary>
public static class ChildProcess
{
    public const string ResultPrefix = "RESULT ";

    public static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;

        // Both streams are read at once: a child that fills the pipe of the one not being read would block forever.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var line = (await output).Split('\n').FirstOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"Measurement process failed ({process.ExitCode}): {await errors}{await output}");
        }

        return line.Substring(ResultPrefix.Length).TrimEnd('\r');
    }
}
