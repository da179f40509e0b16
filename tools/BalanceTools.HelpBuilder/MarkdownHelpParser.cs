using System.Text.RegularExpressions;

namespace BalanceTools.HelpBuilder;

/// <summary>
/// Reads a cmdlet page in platyPS's Markdown layout (schema 2.0.0): level-2 headings for the sections,
/// level-3 headings for parameter sets, examples, parameters and types, fenced code and yaml blocks.
/// </summary>
public static class MarkdownHelpParser
{
    public static CommandHelp Parse(string markdown)
    {
        var lines = StripFrontMatter(markdown.Replace("\r\n", "\n").Split('\n'));
        var name = lines.First(l => l.StartsWith("# ", StringComparison.Ordinal)).Substring(2).Trim();
        var sections = Split(lines, "## ");

        return new CommandHelp(
            name,
            string.Join(" ", Paragraphs(Section(sections, "SYNOPSIS"))),
            Paragraphs(Section(sections, "DESCRIPTION")),
            Split(Section(sections, "SYNTAX"), "### ").Select(s => s.Heading.Replace("(Default)", string.Empty).Trim()).ToList(),
            Split(Section(sections, "EXAMPLES"), "### ").Select(e => Example(e.Heading, e.Lines)).ToList(),
            Split(Section(sections, "PARAMETERS"), "### ")
                .Where(p => p.Heading.StartsWith("-", StringComparison.Ordinal))
                .Select(p => Parameter(p.Heading.Substring(1), p.Lines))
                .ToList(),
            Types(Section(sections, "INPUTS")),
            Types(Section(sections, "OUTPUTS")),
            Paragraphs(Section(sections, "NOTES")),
            Links(Section(sections, "RELATED LINKS")));
    }

    private static IReadOnlyList<string> StripFrontMatter(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0 || lines[0].Trim() != "---")
        {
            return lines;
        }

        var closing = lines.Skip(1).TakeWhile(l => l.Trim() != "---").Count() + 1;
        return lines.Skip(closing + 1).ToList();
    }

    private static IReadOnlyList<string> Section(IEnumerable<Block> sections, string heading) =>
        (IReadOnlyList<string>?)sections.FirstOrDefault(s => s.Heading == heading)?.Lines ?? Array.Empty<string>();

    /// <summary>Splits lines at headings that start with <paramref name="prefix"/>, ignoring lines inside code fences.</summary>
    private static IReadOnlyList<Block> Split(IEnumerable<string> lines, string prefix)
    {
        var blocks = new List<Block>();
        var inFence = false;
        foreach (var line in lines)
        {
            if (IsFence(line))
            {
                inFence = !inFence;
            }

            if (!inFence && line.StartsWith(prefix, StringComparison.Ordinal))
            {
                blocks.Add(new Block(line.Substring(prefix.Length).Trim(), new List<string>()));
            }
            else if (blocks.Count > 0)
            {
                blocks[blocks.Count - 1].Lines.Add(line);
            }
        }

        return blocks;
    }

    /// <summary>Prose paragraphs (separated by blank lines), leaving out fenced blocks.</summary>
    private static IReadOnlyList<string> Paragraphs(IEnumerable<string> lines)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        var inFence = false;
        foreach (var line in lines.Append(string.Empty))
        {
            if (IsFence(line))
            {
                inFence = !inFence;
            }

            if (inFence || IsFence(line) || line.Trim().Length == 0)
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(string.Join(" ", current));
                    current.Clear();
                }
            }
            else
            {
                current.Add(line.Trim());
            }
        }

        return paragraphs;
    }

    /// <summary>The fenced blocks of the lines with their info strings (<c>powershell</c>, <c>yaml</c>, …).</summary>
    private static IReadOnlyList<(string Info, string Text)> Fences(IEnumerable<string> lines)
    {
        var fences = new List<(string Info, string Text)>();
        string? info = null;
        var body = new List<string>();
        foreach (var line in lines)
        {
            if (!IsFence(line))
            {
                if (info is not null)
                {
                    body.Add(line);
                }
            }
            else if (info is null)
            {
                info = line.Trim().Substring(3).Trim();
            }
            else
            {
                fences.Add((info, string.Join("\n", body).Trim('\n')));
                info = null;
                body.Clear();
            }
        }

        return fences;
    }

    private static bool IsFence(string line) => line.TrimStart().StartsWith("```", StringComparison.Ordinal);

    private static ExampleHelp Example(string title, IReadOnlyList<string> lines) =>
        new(title, string.Join("\n\n", Fences(lines).Where(f => f.Info != "yaml").Select(f => f.Text)), Paragraphs(lines));

    private static ParameterHelp Parameter(string name, IReadOnlyList<string> lines)
    {
        var yaml = Fences(lines).Where(f => f.Info == "yaml").Select(f => f.Text).SingleOrDefault()
            ?? throw new FormatException($"Parameter -{name} has no yaml block.");
        var facts = yaml.Split('\n')
            .Select(l => l.Split(new[] { ':' }, 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        string Fact(string key) => facts.TryGetValue(key, out var value) ? value : throw new FormatException($"Parameter -{name} has no '{key}'.");
        IReadOnlyList<string> List(string key) => Fact(key).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()).ToList();

        return new ParameterHelp(
            name,
            Paragraphs(lines),
            Fact("Type"),
            List("Parameter Sets"),
            List("Aliases"),
            Fact("Required"),
            Fact("Position"),
            Fact("Default value"),
            Fact("Accept pipeline input"));
    }

    private static IReadOnlyList<TypeHelp> Types(IReadOnlyList<string> lines) =>
        Split(lines, "### ").Select(t => new TypeHelp(t.Heading, Paragraphs(t.Lines))).ToList();

    private static IReadOnlyList<LinkHelp> Links(IEnumerable<string> lines) =>
        lines.Select(l => Regex.Match(l.Trim(), @"^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$"))
            .Where(m => m.Success)
            .Select(m => new LinkHelp(m.Groups["text"].Value, m.Groups["uri"].Value))
            .ToList();

    private sealed record Block(string Heading, List<string> Lines);
}
