using System.Xml.Linq;

namespace BalanceTools.HelpBuilder;

/// <summary>Writes MAML, the help format Get-Help reads for binary cmdlets, in the shape platyPS produces.</summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    public static XDocument Write(IEnumerable<CommandHelp> commands) => new(
        new XDeclaration("1.0", "utf-8", null),
        new XElement(Msh + "helpItems",
            new XAttribute("schema", "maml"),
            commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help) => new(
        Command + "command",
        new XAttribute(XNamespace.Xmlns + "maml", Maml),
        new XAttribute(XNamespace.Xmlns + "command", Command),
        new XAttribute(XNamespace.Xmlns + "dev", Dev),
        new XElement(Command + "details",
            new XElement(Command + "name", help.Name),
            new XElement(Command + "verb", help.Verb),
            new XElement(Command + "noun", help.Noun),
            Description(new[] { help.Synopsis })),
        Description(help.Description),
        new XElement(Command + "syntax", help.ParameterSets.DefaultIfEmpty(ParameterHelp.AllSets).Select(set =>
            new XElement(Command + "syntaxItem",
                new XElement(Maml + "name", help.Name),
                help.ParametersIn(set).Select(p => ParameterElement(p, p.IsRequiredIn(set), inSyntax: true))))),
        new XElement(Command + "parameters", help.Parameters.Select(p => ParameterElement(p, help.ParameterSets.Any(p.IsRequiredIn) || p.IsRequiredIn(ParameterHelp.AllSets), inSyntax: false))),
        new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeElement(Command + "inputType", t))),
        new XElement(Command + "returnValues", help.Outputs.Select(t => TypeElement(Command + "returnValue", t))),
        new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(help.Notes))),
        new XElement(Command + "examples", help.Examples.Select(e =>
            new XElement(Command + "example",
                new XElement(Maml + "title", "-------------------------- " + e.Title + " --------------------------"),
                new XElement(Dev + "code", e.Code),
                new XElement(Dev + "remarks", Paragraphs(e.Remarks))))),
        new XElement(Command + "relatedLinks", help.Links.Select(l =>
            new XElement(Maml + "navigationLink",
                new XElement(Maml + "linkText", l.Text),
                new XElement(Maml + "uri", l.Uri)))));

    private static XElement ParameterElement(ParameterHelp parameter, bool required, bool inSyntax)
    {
        var element = new XElement(Command + "parameter",
            new XAttribute("required", Lower(required)),
            new XAttribute("variableLength", Lower(parameter.Type.EndsWith("[]", StringComparison.Ordinal))),
            new XAttribute("globbing", "false"),
            new XAttribute("pipelineInput", parameter.PipelineInput),
            new XAttribute("position", parameter.Position.Equals("Named", StringComparison.OrdinalIgnoreCase) ? "named" : parameter.Position),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            Description(parameter.Description));
        if (!(inSyntax && parameter.IsSwitch))
        {
            element.Add(new XElement(Command + "parameterValue", new XAttribute("required", Lower(!parameter.IsSwitch)), new XAttribute("variableLength", "false"), parameter.Type));
        }

        element.Add(
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.DefaultValue));
        return element;
    }

    private static XElement TypeElement(XName name, TypeHelp type) => new(
        name,
        new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
        Description(type.Description));

    private static XElement Description(IEnumerable<string> paragraphs) => new(Maml + "description", Paragraphs(paragraphs));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(p => new XElement(Maml + "para", p));

    private static string Lower(bool value) => value ? "true" : "false";
}
