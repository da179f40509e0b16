using System.Globalization;

namespace BalanceTools.FakeStripe;

/// <summary>Command line of the standalone server.</summary>
internal sealed record StandaloneArguments(
    int Port,
    int SeedCount,
    TimeSpan Latency,
    string? ApiKey,
    TimeSpan LatencyJitter,
    int Customers,
    int CustomerTransactions,
    FakeRateLimits? RateLimits)
{
    public const string Usage =
        "Usage: BalanceTools.FakeStripe [--port <n>] [--seed <count>] [--latency-ms <ms>] [--jitter-ms <ms>] [--api-key <key>]\n"
        + "         [--customers <n>] [--customer-transactions <count>]\n"
        + "         [--rate-limits on|off] [--global-rate <per-second>] [--endpoint-rate <per-second>]\n"
        + "         [--max-concurrent <n>] [--retry-after true|false] [--buckets-start full|empty]\n"
        + "  --seed                  transactions of the demo customer cus_demo (default 250)\n"
        + "  --customers             further customers to create, each with --customer-transactions transactions (default 0, 25)\n"
        + "  --rate-limits on        Stripe's limits per key: 100/s in all, 25/s per endpoint; any of the rate options turns\n"
        + "                          them on with these defaults for the options not given";

    private const int DefaultPort = 12111;
    private const int DefaultSeedCount = 250;
    private const int DefaultCustomerTransactions = 25;

    /// <summary>Parses the arguments; on failure returns null and explains why in <paramref name="error"/>.</summary>
    public static StandaloneArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        var parsed = new StandaloneArguments(
            DefaultPort, DefaultSeedCount, TimeSpan.Zero, null, TimeSpan.Zero, 0, DefaultCustomerTransactions, null);
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
                case "--jitter-ms" when TryParseNonNegative(value, out var jitter):
                    parsed = parsed with { LatencyJitter = TimeSpan.FromMilliseconds(jitter) };
                    break;
                case "--api-key" when value.Length > 0:
                    parsed = parsed with { ApiKey = value };
                    break;
                case "--customers" when TryParseNonNegative(value, out var customers):
                    parsed = parsed with { Customers = customers };
                    break;
                case "--customer-transactions" when TryParseNonNegative(value, out var transactions):
                    parsed = parsed with { CustomerTransactions = transactions };
                    break;
                case "--rate-limits" when value is "on" or "off":
                    parsed = parsed with { RateLimits = value == "on" ? parsed.RateLimits ?? new FakeRateLimits() : null };
                    break;
                case "--global-rate" when TryParseRate(value, out var global):
                    parsed = parsed with { RateLimits = parsed.Limits(limits => limits.GlobalPerSecond = global) };
                    break;
                case "--endpoint-rate" when TryParseRate(value, out var endpoint):
                    parsed = parsed with { RateLimits = parsed.Limits(limits => limits.PerEndpointPerSecond = endpoint) };
                    break;
                case "--max-concurrent" when TryParseNonNegative(value, out var concurrent):
                    parsed = parsed with { RateLimits = parsed.Limits(limits => limits.MaxConcurrentRequests = concurrent) };
                    break;
                case "--retry-after" when bool.TryParse(value, out var retryAfter):
                    parsed = parsed with { RateLimits = parsed.Limits(limits => limits.SendRetryAfter = retryAfter) };
                    break;
                case "--buckets-start" when value is "full" or "empty":
                    parsed = parsed with { RateLimits = parsed.Limits(limits => limits.BucketsStartEmpty = value == "empty") };
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

    private static bool TryParseRate(string value, out double result) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result) && result > 0;

    // Any rate option turns the limits on, with Stripe's defaults for the options not given.
    private FakeRateLimits Limits(Action<FakeRateLimits> change)
    {
        var limits = RateLimits ?? new FakeRateLimits();
        change(limits);
        return limits;
    }
}
