using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>The staged module as the engine sees it: import with engine commands only, manifest, help, completion.</summary>
public sealed class ModuleTests
{
    private static readonly string[] Cmdlets =
    {
        "Connect-Stripe", "Disconnect-Stripe", "Get-CustomerBalanceTransaction", "New-CustomerBalanceTransaction", "Set-CustomerBalanceTransaction",
    };

    [Fact]
    public async Task The_staged_module_imports_where_only_the_engine_commands_exist_and_exports_its_five_cmdlets()
    {
        await using var session = await HostedSession.StartAsync(connect: false, engineOnly: true);

        var result = session.Run("""
            [bool](Get-Command Join-Path -ErrorAction SilentlyContinue)
            (Get-Command -Module BalanceTools).Name
            (Get-Command Get-CustomerBalanceTransaction).DLL
            """).AssertClean();

        Assert.False((bool)result.Output[0].BaseObject, "The host should lack Join-Path, as a constrained endpoint does");
        Assert.Equal(Cmdlets, result.Output.Skip(1).Take(5).Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(Path.Combine(StagedModule.Directory, "core", "BalanceTools.dll"), result.Output[6].ToString());
    }

    [Fact]
    public async Task Test_ModuleManifest_accepts_the_staged_manifest()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Manifest", StagedModule.Manifest);

        var manifest = session.Run("Test-ModuleManifest -Path $Manifest").AssertClean().Output.Single();

        Assert.Equal("BalanceTools", manifest.Properties["Name"].Value);
        Assert.Equal(Cmdlets, ((System.Collections.IDictionary)manifest.Properties["ExportedCmdlets"].Value).Keys.Cast<string>().OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("BalanceTools.psm1", manifest.Properties["RootModule"].Value);
    }

    [Theory]
    [InlineData("Get-CustomerBalanceTransaction")]
    [InlineData("New-CustomerBalanceTransaction")]
    [InlineData("Set-CustomerBalanceTransaction")]
    [InlineData("Connect-Stripe")]
    [InlineData("Disconnect-Stripe")]
    public async Task Get_Help_gives_a_synopsis_a_description_examples_and_every_parameter(string cmdlet)
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Name", cmdlet);

        var result = session.Run("""
            $help = Get-Help -Name $Name -Full
            $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
            $help.Synopsis
            ($help.Description | ForEach-Object Text) -join ' '
            @($help.Examples.Example).Count
            foreach ($parameter in (Get-Command $Name).Parameters.Keys) {
                if ($parameter -notin $common) {
                    $documented = $help.Parameters.Parameter | Where-Object Name -EQ $parameter
                    "$parameter=" + (($documented.Description | ForEach-Object Text) -join ' ')
                }
            }
            """).AssertClean();

        Assert.DoesNotContain(cmdlet + " ", result.Output[0].ToString());
        Assert.NotEmpty(result.Output[0].ToString());
        Assert.True(result.Output[1].ToString().Length > 40, "description: " + result.Output[1]);
        Assert.True((int)result.Output[2].BaseObject >= 2, "examples");
        Assert.All(result.Output.Skip(3).Select(o => o.ToString()), line => Assert.True(line.Length > line.IndexOf('=') + 10, "undocumented parameter: " + line));
    }

    [Fact]
    public async Task The_about_topic_is_found_by_Get_Help()
    {
        await using var session = await HostedSession.StartAsync(connect: false);

        var text = string.Join("\n", session.Run("Get-Help about_BalanceTools").AssertClean().Output.Select(o => o.ToString()));

        Assert.Contains("STRIPE_API_KEY", text);
        Assert.Contains("Connect-Stripe", text);
    }

    [Theory]
    [InlineData("New-CustomerBalanceTransaction -Currency eu", "eur")]
    [InlineData("New-CustomerBalanceTransaction cus_x 100 -Currency GB", "gbp")]
    [InlineData("Get-CustomerBalanceTransaction -Customer cus_x -Expand inv", "invoice")]
    [InlineData("Set-CustomerBalanceTransaction cus_x cbtxn_y -Expand credit", "credit_note")]
    public async Task TabExpansion2_completes_currencies_and_expandable_fields(string line, string expected)
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Line", line);

        var completions = session.Run("(TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText").AssertClean();

        Assert.Contains(expected, completions.Output.Select(o => o.ToString()));
        Assert.Equal(0, session.Server.Requests.Count);
    }

    [Fact]
    public async Task Parameters_complete_by_name_with_tab()
    {
        await using var session = await HostedSession.StartAsync(connect: false);

        var completions = session.Run("$line = 'Get-CustomerBalanceTransaction -Created'; (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText").AssertClean();

        Assert.Equal(new[] { "-CreatedAfter", "-CreatedBefore", "-CreatedOnOrAfter", "-CreatedOnOrBefore" }, completions.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Output_objects_are_typed_with_a_utc_creation_time()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(3));

        var result = session.Run("""
            $t = @(Get-CustomerBalanceTransaction $Customer)[0]
            $t.PSObject.TypeNames[0]
            $t.Created.Offset
            """).AssertClean();

        Assert.Equal("BalanceTools.Client.CustomerBalanceTransaction", result.Output[0].ToString());
        Assert.Equal(TimeSpan.Zero, result.Output[1].BaseObject);
    }
}
