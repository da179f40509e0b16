using BalanceTools.Cli;
using BalanceTools.Client;
using BalanceTools.FakeStripe;

const string Usage = """
    Usage:
      balancetools export --customer <cus_…> [--out <file.csv>] [--api-base <uri>]
          Streams every balance transaction of the customer, newest first, into CSV (stdout without --out).
          The key comes from STRIPE_API_KEY; the base URI from --api-base, STRIPE_API_BASE or api.stripe.com.
      balancetools export --offline <count> [--out <file.csv>]
          The same against an in-process offline Stripe server seeded with <count> transactions.
    """;

if (args.Length == 0 || args[0] != "export" || args.Length % 2 == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i < args.Length; i += 2)
{
    options[args[i]] = args[i + 1];
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, keyPress) =>
{
    keyPress.Cancel = true;
    cancellation.Cancel();
};

await using var offline = options.TryGetValue("--offline", out var seedText) ? await FakeStripeServer.StartAsync() : null;
string customer;
StripeConnectionSettings settings;
if (offline is not null)
{
    customer = offline.Store.CreateCustomer("usd");
    offline.Store.Seed(customer, int.Parse(seedText!, System.Globalization.CultureInfo.InvariantCulture));
    settings = new StripeConnectionSettings { ApiKey = new StripeApiKey(offline.ApiKey), ApiBaseUri = offline.BaseUri };
}
else if (options.TryGetValue("--customer", out var given))
{
    customer = given;
    var parameters = new StripeConnectionSettings { ApiBaseUri = options.TryGetValue("--api-base", out var apiBase) ? new Uri(apiBase) : null };
    settings = parameters.Over(StripeConnectionSettings.FromEnvironment(Environment.GetEnvironmentVariable));
}
else
{
    Console.Error.WriteLine(Usage);
    return 2;
}

try
{
    using var client = new CustomerBalanceTransactionClient(settings.ToClientOptions());
    var started = System.Diagnostics.Stopwatch.StartNew();
    var output = options.TryGetValue("--out", out var path) ? new StreamWriter(path) : Console.Out;
    int count;
    using (output)
    {
        count = await CsvExport.WriteAsync(client.ListAutoPagingAsync(customer, cancellationToken: cancellation.Token), output, cancellation.Token);
    }

    Console.Error.WriteLine($"Exported {count} transactions of {customer} in {started.Elapsed.TotalSeconds:0.00} s{(path is null ? string.Empty : " to " + path)}.");
    return 0;
}
catch (Exception exception) when (exception is StripeException or MissingApiKeyException or ArgumentException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
