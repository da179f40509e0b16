using System.Collections;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>Reads a <c>-Metadata</c> hashtable, unwrapping PowerShell's object wrappers before values become text.</summary>
internal static class MetadataParameter
{
    public static Dictionary<string, string?> Read(IDictionary? metadata) =>
        metadata is null ? new Dictionary<string, string?>() : MetadataInput.From(metadata, PSValue.Unwrap);
}
