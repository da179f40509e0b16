using System.Globalization;

namespace BalanceTools.Cli;

/// <summary>What <c>balancetools export</c> was asked to do.</summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> ValueOptions = new(StringComparer.Ordinal) { "--customer", "--out", "--api-base", "--offline", "--throttle", "--checkpoint" };

    public string? Customer { get; private init; }

    public bool AllCustomers { get; private init; }

    public int? OfflineCount { get; private init; }

    public string? OutPath { get; private init; }

    public Uri? ApiBase { get; private init; }

    public int ThrottleLimit { get; private init; } = Client.StripeDefaults.ThrottleLimit;

    public string? CheckpointPath { get; private init; }

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
        var allCustomers = false;
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--all-customers")
            {
                allCustomers = true;
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

        var throttle = Client.StripeDefaults.ThrottleLimit;
        if (values.TryGetValue("--throttle", out var throttleText) && (!int.TryParse(throttleText, NumberStyles.None, CultureInfo.InvariantCulture, out throttle) || throttle < 1 || throttle > 64))
        {
            problem = $"--throttle takes how many customers to list at once, from 1 to 64, not '{throttleText}'.";
            return false;
        }

        Uri? apiBase = null;
        if (values.TryGetValue("--api-base", out var apiBaseText) && !Uri.TryCreate(apiBaseText, UriKind.Absolute, out apiBase))
        {
            problem = $"--api-base takes an absolute address such as https://api.stripe.com, not '{apiBaseText}'.";
            return false;
        }

        values.TryGetValue("--customer", out var customer);
        if (allCustomers == (customer is not null) && offline is null)
        {
            problem = "Give either --customer <cus_…> or --all-customers.";
            return false;
        }

        command = new CommandLine
        {
            Customer = customer,
            AllCustomers = allCustomers,
            OfflineCount = offline,
            OutPath = values.TryGetValue("--out", out var output) ? output : null,
            ApiBase = apiBase,
            ThrottleLimit = throttle,
            CheckpointPath = values.TryGetValue("--checkpoint", out var checkpoint) ? checkpoint : null,
        };
        return true;
    }
}
