using System.Globalization;

namespace BalanceTools.FakeStripe;

/// <summary>Command line of the standalone server.</summary>
internal sealed record StandaloneArguments(int Port, int SeedCount, TimeSpan Latency, string? ApiKey)
{
    public const string Usage =
        "Usage: BalanceTools.FakeStripe [--port <n>] [--seed <count>] [--latency-ms <ms>] [--api-key <key>]";

    private const int DefaultPort = 12111;
    private const int DefaultSeedCount = 250;

    /// <summary>Parses the arguments; on failure returns null and explains why in <paramref name="error"/>.</summary>
    public static StandaloneArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new StandaloneArguments(DefaultPort, DefaultSeedCount, TimeSpan.Zero, null);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"Missing value for {name}.";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--port" when TryParseNonNegative(value, out var port) && port <= 65535:
                    parsed = parsed with { Port = port };
                    break;
                case "--seed" when TryParseNonNegative(value, out var seed):
                    parsed = parsed with { SeedCount = seed };
                    break;
                case "--latency-ms" when TryParseNonNegative(value, out var milliseconds):
                    parsed = parsed with { Latency = TimeSpan.FromMilliseconds(milliseconds) };
                    break;
                case "--api-key" when value.Length > 0:
                    parsed = parsed with { ApiKey = value };
                    break;
                default:
                    error = $"Unknown option or invalid value: {name} {value}";
                    return null;
            }
        }

        return parsed;
    }

    private static bool TryParseNonNegative(string value, out int result) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
}
