namespace BalanceTools.Client;

/// <summary>Checks that a path can be an export's file (or checkpoint) before anything is opened or sent.</summary>
public static class ExportPaths
{
    /// <summary>The full path of <paramref name="path"/>, or a plain refusal saying what is wrong with it.</summary>
    /// <exception cref="StripeInputException">The folder does not exist, the path is a folder, or the file is read-only.</exception>
    public static string Check(string path, string parameter = "-Path", string exampleName = "balance.csv")
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new StripeInputException($"{parameter} needs a file name, such as ./{exampleName}.", "path");
        }

        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
        {
            throw new StripeInputException($"The folder of {parameter} {path} does not exist ({folder}). Create it first, or give a file in an existing folder.", "path");
        }

        if (Directory.Exists(full))
        {
            throw new StripeInputException($"{parameter} {path} is a folder; give a file name in it, such as {System.IO.Path.Combine(path, exampleName)}.", "path");
        }

        if (File.Exists(full) && (File.GetAttributes(full) & FileAttributes.ReadOnly) != 0)
        {
            throw new StripeInputException($"{parameter} {path} is a read-only file, so the export cannot write to it. Make it writable, or give another file.", "path");
        }

        return full;
    }
}
