namespace BalanceTools.Hosted.Tests;

/// <summary>
/// tools/BalanceTools.Pwsh behaves as pwsh does for what build.ps1, CI and the README ask of it: -NoProfile,
/// -NonInteractive, -File with arguments, -Command, and exit codes; and the README's main job runs in it as written.
/// </summary>
public sealed class RepositoryPwshTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Command_runs_PowerShell_7_6_9_with_the_default_commands_and_exit_gives_the_exit_code()
    {
        var (exitCode, output, _) = await RepositoryPwsh.RunAsync(folder.Path, "-NoProfile", "-NonInteractive", "-Command", "$PSVersionTable.PSVersion.ToString(); (Get-Command Export-Csv).Source; exit 3");

        Assert.Equal(3, exitCode);
        Assert.Equal(new[] { "7.6.9", "Microsoft.PowerShell.Utility" }, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task File_passes_its_arguments_and_a_script_that_throws_exits_non_zero_with_the_message()
    {
        var script = folder.File("throws.ps1");
        await File.WriteAllTextAsync(script, "param([string] $Name) \"hello $Name\"; throw \"$Name went wrong\"; 'never printed'");

        var (exitCode, output, error) = await RepositoryPwsh.RunAsync(folder.Path, "-NoProfile", "-NonInteractive", "-File", script, "-Name", "build");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("hello build", output);
        Assert.DoesNotContain("never printed", output);
        Assert.Contains("build went wrong", error + output);
    }

    [Fact]
    public async Task A_script_that_succeeds_exits_zero_and_NonInteractive_refuses_to_prompt()
    {
        var script = folder.File("fine.ps1");
        await File.WriteAllTextAsync(script, "'fine'");

        var fine = await RepositoryPwsh.RunAsync(folder.Path, "-NoProfile", "-NonInteractive", "-File", script);
        var prompt = await RepositoryPwsh.RunAsync(folder.Path, "-NoProfile", "-NonInteractive", "-Command", "$answer = Read-Host 'Key'");

        Assert.Equal(0, fine.ExitCode);
        Assert.Equal("fine", fine.Output.Trim());
        Assert.NotEqual(0, prompt.ExitCode);
        Assert.Contains("NonInteractive", prompt.Error + prompt.Output);
    }

    [Fact]
    public async Task The_quick_start_main_job_writes_every_transaction_of_the_offline_customer_and_says_where()
    {
        var script = Path.Combine(StagedModule.RepositoryRoot, "examples", "Export-OfflineCustomer.ps1");

        var (exitCode, output, error) = await RepositoryPwsh.RunAsync(folder.Path, "-NoProfile", "-File", script);

        var csv = folder.File("balance.csv");
        Assert.True(exitCode == 0, error);
        Assert.StartsWith($"Wrote 2500 balance transactions of cus_demo to {csv} in ", output.Trim());
        var lines = await File.ReadAllLinesAsync(csv);
        Assert.StartsWith("\"Id\",", lines[0]);
        Assert.Equal(2500, lines.Skip(1).Select(line => line[..line.IndexOf(',', StringComparison.Ordinal)]).Distinct().Count());
        Assert.Equal(2501, lines.Length);
    }
}
