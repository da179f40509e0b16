using System.Text;
using System.Xml;

namespace BalanceTools.HelpBuilder;

/// <summary>Reads every cmdlet page of a docs folder and renders the MAML file's text.</summary>
public static class HelpGenerator
{
    public static IReadOnlyList<CommandHelp> ReadPages(string docsDirectory) =>
        Directory.GetFiles(docsDirectory, "*-*.md")
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => MarkdownHelpParser.Parse(File.ReadAllText(path)))
            .ToList();

    public static string RenderMaml(string docsDirectory)
    {
        var document = MamlWriter.Write(ReadPages(docsDirectory));
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriterWithUtf8(text), new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n" }))
        {
            document.Save(writer);
        }

        return text.Append('\n').ToString();
    }

    private sealed class StringWriterWithUtf8 : StringWriter
    {
        public StringWriterWithUtf8(StringBuilder builder)
            : base(builder, System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
