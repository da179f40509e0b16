using System.Reflection;
using System.Xml.Linq;

namespace BalanceTools.Module.Tests;

public sealed class ModuleLayoutTests
{
    [Fact]
    public void The_staged_folder_holds_every_file_the_manifest_names()
    {
        var manifest = StagedModule.Manifest;
        var named = manifest.List("FileList")
            .Concat(manifest.List("FormatsToProcess"))
            .Append(manifest.Value("RootModule"));

        Assert.All(named, file => Assert.True(File.Exists(Path.Combine(StagedModule.Directory, file)), file + " is missing"));
        Assert.All(StagedModule.Editions, edition =>
        {
            Assert.True(File.Exists(StagedModule.CmdletAssembly(edition)), edition + " cmdlets are missing");
            Assert.True(File.Exists(Path.Combine(StagedModule.Dependencies(edition), "BalanceTools.Client.dll")));
            Assert.True(File.Exists(Path.Combine(StagedModule.Dependencies(edition), "RestSharp.dll")));
            Assert.True(File.Exists(Path.Combine(StagedModule.Directory, edition, "en-US", "BalanceTools.dll-Help.xml")));
        });
    }

    [Fact]
    public void Dependencies_never_sit_beside_the_cmdlet_assembly_where_powershell_would_share_them()
    {
        foreach (var edition in StagedModule.Editions)
        {
            var besideCmdlets = Directory.GetFiles(Path.Combine(StagedModule.Directory, edition), "*.dll").Select(Path.GetFileName);
            Assert.Equal(new[] { "BalanceTools.dll" }, besideCmdlets);
            Assert.False(File.Exists(Path.Combine(StagedModule.Dependencies(edition), "System.Management.Automation.dll")));
        }

        Assert.True(File.Exists(Path.Combine(StagedModule.Dependencies("desktop"), "System.Text.Json.dll")), "Windows PowerShell needs its own System.Text.Json");
        Assert.False(File.Exists(Path.Combine(StagedModule.Dependencies("core"), "System.Text.Json.dll")), "PowerShell 7 has System.Text.Json in the runtime");
    }

    [Fact]
    public void The_manifest_declares_editions_version_and_gallery_metadata()
    {
        var manifest = StagedModule.Manifest;

        Assert.Equal(new[] { "Desktop", "Core" }, manifest.List("CompatiblePSEditions"));
        Assert.Equal("5.1", manifest.Value("PowerShellVersion"));
        Assert.True(Guid.TryParse(manifest.Value("GUID"), out _));
        Assert.StartsWith("https://", manifest.Value("ProjectUri"));
        Assert.StartsWith("https://", manifest.Value("LicenseUri"));
        Assert.NotEmpty(manifest.Value("ReleaseNotes"));
        Assert.Contains("Stripe", manifest.List("Tags"));
        foreach (var edition in StagedModule.Editions)
        {
            var version = AssemblyName.GetAssemblyName(StagedModule.CmdletAssembly(edition)).Version!;
            Assert.Equal(manifest.Value("ModuleVersion"), version.ToString(3));
        }
    }

    [Fact]
    public void The_format_file_gives_transactions_a_table_with_the_agreed_columns()
    {
        var format = XDocument.Load(Path.Combine(StagedModule.Directory, "BalanceTools.format.ps1xml"));
        var views = format.Descendants("View").Where(v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value == "BalanceTools.Client.CustomerBalanceTransaction").ToList();

        var table = views.Single(v => v.Element("TableControl") is not null);
        var labels = table.Descendants("TableColumnHeader").Select(h => h.Element("Label")!.Value);
        Assert.Equal(new[] { "Id", "Type", "Amount", "Currency", "EndingBalance", "Created (UTC)", "Description" }, labels);
        var list = views.Single(v => v.Element("ListControl") is not null);
        var items = list.Descendants("ListItem").Select(i => (i.Element("PropertyName") ?? i.Element("Label"))!.Value).ToList();
        Assert.Contains("Metadata", items);
        Assert.DoesNotContain(items, item => item.StartsWith("Expanded", StringComparison.Ordinal));
    }
}
