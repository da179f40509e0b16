using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace BalanceTools.Module.Tests;

/// <summary>The cmdlets of a staged assembly as PowerShell would see them, read with MetadataLoadContext.</summary>
internal sealed class CmdletCatalog : IDisposable
{
    private const string Automation = "System.Management.Automation.";
    private readonly MetadataLoadContext context;

    public CmdletCatalog(string edition)
    {
        var paths = Directory.GetFiles(RuntimeEnvironment.GetRuntimeDirectory(), "*.dll")
            .Concat(Directory.GetFiles(StagedModule.Dependencies(edition), "*.dll"))
            .Append(StagedModule.CmdletAssembly(edition))
            .Append(StagedModule.PowerShellReferenceAssembly)
            .GroupBy(Path.GetFileName)
            .Select(group => group.Last());
        context = new MetadataLoadContext(new PathAssemblyResolver(paths), "System.Runtime");
        Assembly = context.LoadFromAssemblyPath(StagedModule.CmdletAssembly(edition));
        Cmdlets = Assembly.GetTypes().Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType.FullName == Automation + "CmdletAttribute"))
            .Select(t => new CmdletShape(t))
            .ToList();
    }

    public Assembly Assembly { get; }

    public IReadOnlyList<CmdletShape> Cmdlets { get; }

    public CmdletShape this[string name] => Cmdlets.Single(c => c.Name == name);

    public IReadOnlySet<string> ApprovedVerbs() =>
        new[] { "VerbsCommon", "VerbsCommunications", "VerbsData", "VerbsDiagnostic", "VerbsLifecycle", "VerbsOther", "VerbsSecurity" }
            .Select(name => context.LoadFromAssemblyPath(StagedModule.PowerShellReferenceAssembly).GetType(Automation + name, throwOnError: true)!)
            .SelectMany(type => type.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    public void Dispose() => context.Dispose();

    internal static CustomAttributeData? Attribute(MemberInfo member, string name) =>
        member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Automation + name || a.AttributeType.Name == name);

    internal static T? Named<T>(CustomAttributeData attribute, string name) =>
        attribute.NamedArguments.Where(a => a.MemberName == name).Select(a => (T?)a.TypedValue.Value).FirstOrDefault();

    internal static IReadOnlyList<object?> Arguments(CustomAttributeData attribute) =>
        attribute.ConstructorArguments.SelectMany(argument => argument.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items
            ? items.Select(item => item.Value)
            : new[] { argument.Value }).ToList();
}

internal sealed class CmdletShape
{
    public CmdletShape(Type type)
    {
        Type = type;
        var cmdlet = CmdletCatalog.Attribute(type, "CmdletAttribute")!;
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        SupportsShouldProcess = CmdletCatalog.Named<bool>(cmdlet, "SupportsShouldProcess");
        ConfirmImpact = CmdletCatalog.Named<int>(cmdlet, "ConfirmImpact");
        DefaultParameterSet = CmdletCatalog.Named<string>(cmdlet, "DefaultParameterSetName");
        OutputTypes = type.GetCustomAttributesData().Where(a => a.AttributeType.Name == "OutputTypeAttribute")
            .SelectMany(CmdletCatalog.Arguments).Select(value => value is Type t ? t.FullName! : value?.ToString() ?? string.Empty).ToList();
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => CmdletCatalog.Attribute(p, "ParameterAttribute") is not null)
            .Select(p => new ParameterShape(p))
            .ToList();
    }

    public Type Type { get; }

    public string Verb { get; }

    public string Noun { get; }

    public string Name => Verb + "-" + Noun;

    public bool SupportsShouldProcess { get; }

    public int ConfirmImpact { get; }

    public string? DefaultParameterSet { get; }

    public IReadOnlyList<string> OutputTypes { get; }

    public IReadOnlyList<ParameterShape> Parameters { get; }

    public ParameterShape this[string name] => Parameters.Single(p => p.Name == name);

    /// <summary>
    /// The named parameter sets, including a default set that only parameters of all sets belong to (as PowerShell
    /// creates it); a parameter declared without a set belongs to all of them.
    /// </summary>
    public IReadOnlyList<string> ParameterSets =>
        Parameters.SelectMany(p => p.Sets.Select(s => s.Set))
            .Append(DefaultParameterSet ?? ParameterShape.AllSets)
            .Where(s => s != ParameterShape.AllSets)
            .Distinct()
            .DefaultIfEmpty(ParameterShape.AllSets)
            .ToList();

    public bool InSet(ParameterShape parameter, string set, bool mandatoryOnly) =>
        parameter.Sets.Any(s => (s.Set == set || s.Set == ParameterShape.AllSets) && (!mandatoryOnly || s.Mandatory));
}

internal sealed class ParameterShape
{
    public const string AllSets = "__AllParameterSets";

    public ParameterShape(PropertyInfo property)
    {
        Property = property;
        Sets = property.GetCustomAttributesData().Where(a => a.AttributeType.Name == "ParameterAttribute")
            .Select(a => new ParameterSetShape(
                CmdletCatalog.Named<string>(a, "ParameterSetName") ?? AllSets,
                CmdletCatalog.Named<bool>(a, "Mandatory"),
                a.NamedArguments.Any(n => n.MemberName == "Position") ? CmdletCatalog.Named<int>(a, "Position") : null,
                CmdletCatalog.Named<bool>(a, "ValueFromPipelineByPropertyName"),
                CmdletCatalog.Named<bool>(a, "ValueFromPipeline")))
            .ToList();
        Aliases = CmdletCatalog.Attribute(property, "AliasAttribute") is { } alias ? CmdletCatalog.Arguments(alias).Cast<string>().ToList() : new List<string>();
    }

    public PropertyInfo Property { get; }

    public string Name => Property.Name;

    public string TypeName => Property.PropertyType.FullName!;

    public IReadOnlyList<ParameterSetShape> Sets { get; }

    public IReadOnlyList<string> Aliases { get; }

    public CustomAttributeData? Attribute(string name) => CmdletCatalog.Attribute(Property, name);
}

internal sealed record ParameterSetShape(string Set, bool Mandatory, int? Position, bool ValueFromPipelineByPropertyName, bool ValueFromPipeline);
