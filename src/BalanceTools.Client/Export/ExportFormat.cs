namespace BalanceTools.Client;

/// <summary>The file formats of an export.</summary>
public enum ExportFormat
{
    /// <summary>Comma-separated values with a header, every value quoted and a missing one left empty, as <c>Export-Csv</c> writes them.</summary>
    Csv,

    /// <summary>One JSON object a line, no header.</summary>
    JsonLines,
}
