namespace BalanceTools.Hosted.Tests;

/// <summary>The rows of <see cref="CreditRows"/> as a CSV file in the temporary folder, deleted on dispose.</summary>
internal sealed class CreditFile : IDisposable
{
    private CreditFile(string path) => Path = path;

    public string Path { get; }

    public static CreditFile Write(CreditRows credits)
    {
        var file = new CreditFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"credits-{Guid.NewGuid():N}.csv"));
        var header = string.Join(",", credits.Rows[0].Properties.Select(cell => Quoted(cell.Name)));
        File.WriteAllLines(file.Path, credits.Rows.Select(row => string.Join(",", row.Properties.Select(cell => Quoted((string)cell.Value)))).Prepend(header));
        return file;
    }

    public void Dispose() => File.Delete(Path);

    private static string Quoted(string cell) => "\"" + cell.Replace("\"", "\"\"") + "\"";
}
