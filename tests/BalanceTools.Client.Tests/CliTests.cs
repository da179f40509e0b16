using System.Diagnostics;
using BalanceTools.Cli;

namespace BalanceTools.Client.Tests;

/// <summary>The balancetools CLI as the README runs it: a separate process with its own offline server.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "cli-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Export_all_customers_offline_writes_every_transaction_of_every_customer_to_csv()
    {
        var csv = Path.Combine(folder, "account.csv");

        var (exitCode, errors) = await RunAsync("export", "--all-customers", "--offline", "12", "--throttle", "4", "--out", csv);

        Assert.Equal(0, exitCode);
        var rows = await File.ReadAllLinesAsync(csv);
        Assert.StartsWith("\"Id\",\"Object\",\"Amount\"", rows[0]);
        Assert.Contains("12 customers done, 0 failed, 0 deleted", errors);
        Assert.Contains($"Exported {rows.Length - 1} transactions", errors);
        Assert.True(rows.Length > 12, $"only {rows.Length - 1} rows for 12 customers of 0 to 500 transactions");
        Assert.Equal(rows.Length - 1, rows.Skip(1).Select(row => row.Split(',')[0]).Distinct().Count());
    }

    [Fact]
    public async Task An_existing_file_without_a_checkpoint_is_refused_naming_the_clis_own_force_option_and_nothing_is_written()
    {
        var csv = Path.Combine(folder, "balance.csv");
        await File.WriteAllTextAsync(csv, "rows of another export\n");

        var (exitCode, errors) = await RunAsync("export", "--offline", "300", "--out", csv);
        var (forced, _) = await RunAsync("export", "--offline", "300", "--out", csv, "--force");

        Assert.Equal(1, exitCode);
        Assert.Contains("has no checkpoint beside it", errors);
        Assert.Contains("Give --force to start this export over", errors);
        Assert.DoesNotContain("-Force", errors);
        Assert.Equal(0, forced);
        Assert.Equal(301, (await File.ReadAllLinesAsync(csv)).Length);
    }

    [Theory]
    [InlineData("from 1 to 64", "export", "--all-customers", "--throttle", "0")]
    [InlineData("Give either --customer", "export")]
    [InlineData("not an option here", "export", "--all-customers", "--colour", "red")]
    [InlineData("whole number of transactions", "export", "--offline", "many")]
    [InlineData("The only command is export", "import")]
    public async Task Arguments_that_make_no_sense_are_refused_in_plain_words(string problem, params string[] arguments)
    {
        Assert.False(CommandLine.TryParse(arguments, out _, out var parsed));
        Assert.Contains(problem, parsed);

        var (exitCode, errors) = await RunAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(problem, errors);
        Assert.Contains("Usage:", errors);
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(CliAssembly());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        await output;
        return (process.ExitCode, await errors);
    }

    // The CLI's own build output (with its runtime configuration), in the configuration these tests were built in.
    internal static string CliAssembly()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (!File.Exists(Path.Combine(root.FullName, "BalanceTools.sln")))
        {
            root = root.Parent!;
        }

        return Path.Combine(root.FullName, "tools", "BalanceTools.Cli", "bin", configuration, testOutput.Name, "balancetools.dll");
    }
}
