namespace BalanceTools.Hosted.Tests;

/// <summary>A folder of a test's own under the temporary folder, removed with everything in it when the test ends.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Path = Directory.CreateDirectory(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "balancetools-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> in the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Removes the folder, read-only files (a test's own refusal cases) included.</summary>
    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            System.IO.File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Path, recursive: true);
    }
}
