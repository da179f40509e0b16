using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>Objects shaped like Import-Csv rows: every cell is text, a blank cell is an empty string.</summary>
internal static class Rows
{
    public static PSObject Row(params (string Column, string Cell)[] cells)
    {
        var row = new PSObject();
        foreach (var (column, cell) in cells)
        {
            row.Properties.Add(new PSNoteProperty(column, cell));
        }

        return row;
    }
}
