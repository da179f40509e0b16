using System.Text;

namespace BalanceTools.Client;

/// <summary>Shows a value the user gave inside a message: quoted, control characters made visible, long values cut.</summary>
public static class InputText
{
    private const int ShownLength = 60;

    /// <summary>The value in single quotes, or "an empty value".</summary>
    public static string Quote(string? value)
    {
        if (value is null || value.Length == 0)
        {
            return "an empty value";
        }

        var text = new StringBuilder("'");
        foreach (var c in value.Length > ShownLength ? value.Substring(0, ShownLength) : value)
        {
            text.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return text.Append(value.Length > ShownLength ? "…'" : "'").ToString();
    }
}
