using System.Xml.Linq;
using BalanceTools.HelpBuilder;

namespace BalanceTools.Module.Tests;

public sealed class HelpTests
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";

    private static string DocsDirectory => Path.Combine(StagedModule.RepositoryRoot, "docs", "en-US");

    private static string CommittedMaml => Path.Combine(StagedModule.RepositoryRoot, "en-US", "BalanceTools.dll-Help.xml");

    [Fact]
    public void The_committed_maml_is_exactly_what_the_markdown_generates()
    {
        var expected = HelpGenerator.RenderMaml(DocsDirectory);

        Assert.True(
            expected == File.ReadAllText(CommittedMaml).Replace("\r\n", "\n"),
            "en-US/BalanceTools.dll-Help.xml is stale: run 'dotnet run --project tools/BalanceTools.HelpBuilder'");
    }

    [Fact]
    public void The_maml_is_well_formed_and_covers_every_cmdlet_with_synopsis_description_and_examples()
    {
        using var catalog = new CmdletCatalog("core");
        var commands = XDocument.Load(CommittedMaml).Root!.Elements(Command + "command").ToList();

        Assert.Equal(catalog.Cmdlets.Select(c => c.Name).OrderBy(n => n), commands.Select(Name).OrderBy(n => n));
        foreach (var command in commands)
        {
            var name = Name(command);
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Command + "details")!.Element(Maml + "description")!.Value), name + " synopsis");
            Assert.False(string.IsNullOrWhiteSpace(command.Element(Maml + "description")!.Value), name + " description");
            var examples = command.Element(Command + "examples")!.Elements(Command + "example").ToList();
            Assert.True(examples.Count >= (name == "Disconnect-Stripe" ? 2 : 3), $"{name} has {examples.Count} examples");
            Assert.All(examples, e => Assert.Contains("PS> ", e.Element(XName.Get("code", "http://schemas.microsoft.com/maml/dev/2004/10"))!.Value));
        }
    }

    [Fact]
    public void Every_parameter_in_the_assembly_is_documented_with_the_facts_the_assembly_declares()
    {
        using var catalog = new CmdletCatalog("core");
        var pages = HelpGenerator.ReadPages(DocsDirectory).ToDictionary(p => p.Name);

        foreach (var cmdlet in catalog.Cmdlets)
        {
            var page = pages[cmdlet.Name];
            var expectedNames = cmdlet.Parameters.Select(p => p.Name)
                .Concat(cmdlet.SupportsShouldProcess ? new[] { "WhatIf", "Confirm" } : Array.Empty<string>());
            Assert.Equal(expectedNames.OrderBy(n => n), page.Parameters.Select(p => p.Name).OrderBy(n => n));
            Assert.Equal(NamedSets(cmdlet.ParameterSets), NamedSets(page.ParameterSets));

            foreach (var parameter in cmdlet.Parameters)
            {
                var documented = page.Parameters.Single(p => p.Name == parameter.Name);
                var where = $"{cmdlet.Name} -{parameter.Name}";
                Assert.True(documented.Description.Count > 0, where + " has no description");
                Assert.Equal(ShortTypeName(parameter.Property.PropertyType), documented.Type);
                Assert.Equal(parameter.Aliases.OrderBy(a => a), documented.Aliases.OrderBy(a => a));
                var sets = parameter.Sets.Select(s => s.Set == ParameterShape.AllSets ? ParameterHelp.AllSets : s.Set).OrderBy(s => s);
                Assert.Equal(sets, documented.Sets.OrderBy(s => s));
                var first = parameter.Sets[0];
                Assert.Equal(first.Position is { } position ? position.ToString() : "Named", documented.Position);
                Assert.Equal(PipelineInput(first), documented.PipelineInput);
                foreach (var set in parameter.Sets)
                {
                    var setName = set.Set == ParameterShape.AllSets ? page.ParameterSets.FirstOrDefault() ?? ParameterHelp.AllSets : set.Set;
                    Assert.True(set.Mandatory == documented.IsRequiredIn(setName), $"{where} Required in {setName}");
                }
            }
        }
    }

    [Fact]
    public void The_about_topic_explains_authentication_paging_and_errors()
    {
        var about = File.ReadAllText(Path.Combine(StagedModule.Directory, "en-US", "about_BalanceTools.help.txt"));

        Assert.StartsWith("TOPIC", about.TrimStart());
        foreach (var phrase in new[] { "STRIPE_API_KEY", "Connect-Stripe", "-All", "Idempotency", "Retry-After", "ObjectNotFound", "TLS 1.2", "STRIPE_API_BASE" })
        {
            Assert.Contains(phrase, about, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static IEnumerable<string> NamedSets(IEnumerable<string> sets) =>
        sets.Where(s => s is not (ParameterShape.AllSets or ParameterHelp.AllSets)).OrderBy(s => s);

    private static string PipelineInput(ParameterSetShape binding) => (binding.ValueFromPipelineByPropertyName, binding.ValueFromPipeline) switch
    {
        (true, true) => "True (ByPropertyName, ByValue)",
        (true, false) => "True (ByPropertyName)",
        (false, true) => "True (ByValue)",
        _ => "False",
    };

    private static string Name(XElement command) => command.Element(Command + "details")!.Element(Command + "name")!.Value;

    private static string ShortTypeName(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition().Name == "Nullable`1")
        {
            return type.GenericTypeArguments[0].Name;
        }

        return type.Name;
    }
}
