using System.Globalization;
using BalanceTools.Client;

namespace BalanceTools.Cli;

/// <summary>What <c>balancetools export</c> was asked to do.</summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal) { "--customer", "--out", "--api-base", "--offline", "--throttle", "--checkpoint", "--format", "--commit-interval" };
    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "--all-customers", "--force", "--verbose" };

    public string? Customer { get; private init; }

    public bool AllCustomers { get; private init; }

    public int? OfflineCount { get; private init; }

    public string? OutPath { get; private init; }

    public Uri? ApiBase { get; private init; }

    public int? ThrottleLimit { get; private init; }

    public string? CheckpointPath { get; private init; }

    public ExportFormat Format { get; private init; }

    public bool Force { get; private init; }

    public bool Verbose { get; private init; }

    public TimeSpan CommitInterval { get; private init; } = new FileExportOptions().CommitInterval;

    /// <summary>Reads the arguments; false with <paramref name="problem"/> in plain words when they make no sense.</summary>
    public static bool TryParse(string[] args, out CommandLine command, out string problem)
    {
        command = new CommandLine();
        problem = string.Empty;
        if (args.Length == 0 || args[0] != "export")
        {
            problem = "The only command is export.";
            return false;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (Switches.Contains(args[i]))
            {
                switches.Add(args[i]);
            }
            else if (ValueOptions.Contains(args[i]) && i + 1 < args.Length)
            {
                values[args[i]] = args[++i];
            }
            else
            {
                problem = $"'{args[i]}' is not an option here, or it lacks its value.";
                return false;
            }
        }

        int? offline = null;
        if (values.TryGetValue("--offline", out var offlineText))
        {
            if (!int.TryParse(offlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                problem = $"--offline takes a whole number of transactions (or customers with --all-customers), not '{offlineText}'.";
                return false;
            }

            offline = count;
        }

        int? throttle = null;
        if (values.TryGetValue("--throttle", out var throttleText))
        {
            if (!int.TryParse(throttleText, NumberStyles.None, CultureInfo.InvariantCulture, out var given) || given < 1 || given > 64)
            {
                problem = $"--throttle takes the most requests in flight and customers listed at once, from 1 to 64, not '{throttleText}'.";
                return false;
            }

            throttle = given;
        }

        var commitMilliseconds = (int)new FileExportOptions().CommitInterval.TotalMilliseconds;
        if (values.TryGetValue("--commit-interval", out var intervalText) && (!int.TryParse(intervalText, NumberStyles.None, CultureInfo.InvariantCulture, out commitMilliseconds) || commitMilliseconds > 60_000))
        {
            problem = $"--commit-interval takes how many milliseconds written rows may wait for their commit, from 0 to 60000, not '{intervalText}'.";
            return false;
        }

        var format = ExportFormat.Csv;
        if (values.TryGetValue("--format", out var formatText) && !TryFormat(formatText, out format))
        {
            problem = $"--format is csv or jsonlines, not '{formatText}'.";
            return false;
        }

        Uri? apiBase = null;
        if (values.TryGetValue("--api-base", out var apiBaseText) && !Uri.TryCreate(apiBaseText, UriKind.Absolute, out apiBase))
        {
            problem = $"--api-base takes an absolute address such as https://api.stripe.com, not '{apiBaseText}'.";
            return false;
        }

        values.TryGetValue("--customer", out var customer);
        var allCustomers = switches.Contains("--all-customers");
        if (allCustomers == (customer is not null) && offline is null)
        {
            problem = "Give either --customer <cus_…> or --all-customers.";
            return false;
        }

        values.TryGetValue("--out", out var output);
        values.TryGetValue("--checkpoint", out var checkpoint);
        if (output is not null && checkpoint is not null)
        {
            problem = $"--out keeps its checkpoint beside the file ({TransactionFileExport.CheckpointPathFor(output)}); give --checkpoint only when writing to standard output.";
            return false;
        }

        if (output is null && (switches.Contains("--force") || values.ContainsKey("--commit-interval")))
        {
            problem = "--force and --commit-interval go with --out <file>.";
            return false;
        }

        command = new CommandLine
        {
            Customer = customer,
            AllCustomers = allCustomers,
            OfflineCount = offline,
            OutPath = output,
            ApiBase = apiBase,
            ThrottleLimit = throttle,
            CheckpointPath = checkpoint,
            Format = format,
            Force = switches.Contains("--force"),
            Verbose = switches.Contains("--verbose"),
            CommitInterval = TimeSpan.FromMilliseconds(commitMilliseconds),
        };
        return true;
    }

    private static bool TryFormat(string text, out ExportFormat format)
    {
        format = text.ToLowerInvariant() switch
        {
            "csv" => ExportFormat.Csv,
            "jsonlines" => ExportFormat.JsonLines,
            _ => (ExportFormat)(-1),
        };
        return Enum.IsDefined(format);
    }
}
