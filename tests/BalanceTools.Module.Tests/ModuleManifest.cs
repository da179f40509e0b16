using System.Text.RegularExpressions;

namespace BalanceTools.Module.Tests;

/// <summary>
/// Reads the values a test needs from a module manifest: quoted strings and <c>@( … )</c> lists of quoted strings.
/// Enough for this manifest's plain data; it is not a PowerShell parser.
/// </summary>
internal sealed class ModuleManifest
{
    private readonly string text;

    private ModuleManifest(string text) => this.text = text;

    public static ModuleManifest Read(string path) => new(File.ReadAllText(path));

    public string Value(string key)
    {
        var match = Regex.Match(text, @"(?m)^\s*" + key + @"\s*=\s*'([^']*)'");
        Assert.True(match.Success, $"the manifest has no {key} = '…'");
        return match.Groups[1].Value;
    }

    public IReadOnlyList<string> List(string key)
    {
        var match = Regex.Match(text, @"(?ms)^\s*" + key + @"\s*=\s*@\((.*?)\)");
        Assert.True(match.Success, $"the manifest has no {key} = @(…)");
        return Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value).ToList();
    }
}
