namespace BalanceTools.HelpBuilder;

/// <summary>One cmdlet's help as written in its Markdown page.</summary>
public sealed record CommandHelp(
    string Name,
    string Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<LinkHelp> Links)
{
    public string Verb => Name.Substring(0, Name.IndexOf('-'));

    public string Noun => Name.Substring(Name.IndexOf('-') + 1);

    public IEnumerable<ParameterHelp> ParametersIn(string set) =>
        Parameters.Where(p => p.Sets.Contains(ParameterHelp.AllSets) || p.Sets.Contains(set));
}

public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

public sealed record TypeHelp(string Name, IReadOnlyList<string> Description);

public sealed record LinkHelp(string Text, string Uri);

/// <summary>A parameter: its prose and the facts of its yaml block.</summary>
public sealed record ParameterHelp(
    string Name,
    IReadOnlyList<string> Description,
    string Type,
    IReadOnlyList<string> Sets,
    IReadOnlyList<string> Aliases,
    string Required,
    string Position,
    string DefaultValue,
    string PipelineInput)
{
    public const string AllSets = "(All)";

    public bool IsSwitch => Type == "SwitchParameter";

    /// <summary>Whether the parameter is required in <paramref name="set"/>; "True (Id), False (List)" names sets.</summary>
    public bool IsRequiredIn(string set)
    {
        foreach (var part in Required.Split(','))
        {
            var text = part.Trim();
            var open = text.IndexOf('(');
            if (open < 0)
            {
                return bool.Parse(text);
            }

            if (text.Substring(open + 1).TrimEnd(')') == set)
            {
                return bool.Parse(text.Substring(0, open).Trim());
            }
        }

        return false;
    }
}
