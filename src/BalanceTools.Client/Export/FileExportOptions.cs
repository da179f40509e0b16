namespace BalanceTools.Client;

/// <summary>Settings of a <see cref="TransactionFileExport"/>.</summary>
public sealed class FileExportOptions
{
    /// <summary>The file to write (a full path); its checkpoint is kept beside it (<see cref="TransactionFileExport.CheckpointPathFor"/>).</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>CSV (the default) or JSON Lines.</summary>
    public ExportFormat Format { get; set; } = ExportFormat.Csv;

    /// <summary>Every customer of the account (true) or the customers added one by one.</summary>
    public bool AllCustomers { get; set; }

    /// <summary>Starts over: an existing file is emptied and its checkpoint discarded.</summary>
    public bool Force { get; set; }

    /// <summary>How long written rows may wait before the file and the checkpoint are committed together.</summary>
    public TimeSpan CommitInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most list requests in flight and customers listed at once (1 to 64); null sizes it itself (<see cref="BalanceExportOptions.ThrottleLimit"/>).</summary>
    public int? ThrottleLimit { get; set; }

    /// <summary>What each customer's listing asks for (created bounds, expanded fields).</summary>
    public ListOptions Transactions { get; set; } = new();

    /// <summary>Per-request options (the key and account).</summary>
    public RequestOptions? RequestOptions { get; set; }

    /// <summary>How the caller's user asks for <see cref="Force"/> and gives <see cref="Path"/> (-Force and -Path for a cmdlet, --force and --out for the CLI), so that messages name what they can type.</summary>
    public (string Force, string Path) OptionNames { get; set; } = ("-Force", "-Path");

    /// <summary>Told, in words, when a commit starts and when it is complete (for a verbose log); null for silence.</summary>
    public Action<string>? Trace { get; set; }
}
