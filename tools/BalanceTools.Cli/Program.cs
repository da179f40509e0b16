using BalanceTools.Cli;
using BalanceTools.Client;
using BalanceTools.FakeStripe;

const string Usage = """
    Usage:
      balancetools export --customer <cus_…> [--out <file.csv>] [--api-base <uri>]
          Streams every balance transaction of the customer, newest first, into CSV (stdout without --out).
      balancetools export --all-customers [--throttle <1-64>] [--checkpoint <file.json>] [--out <file.csv>] [--api-base <uri>]
          Every customer of the account, newest customer first, --throttle customers at a time (default 16), through
          the process-wide rate limit (STRIPE_MAX_REQUESTS_PER_SECOND, default 25). With --checkpoint, a stopped run
          continues where it stood when run again (use --out with a new file, or append the new rows yourself).
      balancetools export --offline <count> [--all-customers …] [--out <file.csv>]
          The same against an in-process offline Stripe server: one customer with <count> transactions, or with
          --all-customers <count> customers with 0 to 500 transactions each (250 on average).
      The key comes from STRIPE_API_KEY; the base URI from --api-base, STRIPE_API_BASE or api.stripe.com.
    """;

if (!CommandLine.TryParse(args, out var command, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, keyPress) =>
{
    keyPress.Cancel = true;
    cancellation.Cancel();
};

await using var offline = command.OfflineCount is null ? null : await FakeStripeServer.StartAsync();
StripeConnectionSettings settings;
var customer = command.Customer;
if (offline is not null)
{
    var count = command.OfflineCount!.Value;
    if (command.AllCustomers)
    {
        var random = new Random(20261123);
        offline.Store.SeedCustomers(Enumerable.Range(0, count).Select(_ => random.Next(501)).ToArray());
    }
    else
    {
        customer = offline.Store.CreateCustomer("usd");
        offline.Store.Seed(customer, count);
    }

    // Only the rate comes from the environment: the offline server has no limit of its own, so the client's own
    // limit (25 a second unless STRIPE_MAX_REQUESTS_PER_SECOND says otherwise) paces it as it would Stripe.
    settings = new StripeConnectionSettings { ApiKey = new StripeApiKey(offline.ApiKey), ApiBaseUri = offline.BaseUri }
        .Over(StripeConnectionSettings.FromEnvironment(Environment.GetEnvironmentVariable));
}
else
{
    var parameters = new StripeConnectionSettings { ApiBaseUri = command.ApiBase };
    settings = parameters.Over(StripeConnectionSettings.FromEnvironment(Environment.GetEnvironmentVariable));
}

try
{
    using var client = new CustomerBalanceTransactionClient(settings.ToClientOptions());
    var started = System.Diagnostics.Stopwatch.StartNew();
    var output = command.OutPath is { } path ? new StreamWriter(path) : Console.Out;
    int count;
    using (output)
    {
        if (command.AllCustomers)
        {
            await using var export = BalanceExport.ForAllCustomers(client, new BalanceExportOptions { ThrottleLimit = command.ThrottleLimit, CheckpointPath = command.CheckpointPath }, cancellation.Token);
            count = await CsvExport.WriteAsync(WholeAccount.TransactionsAsync(export, Console.Error, cancellation.Token), output, cancellation.Token);
            Console.Error.WriteLine($"{export.CustomersCompleted} customers exported, {export.CustomersFailed} failed.");
        }
        else
        {
            count = await CsvExport.WriteAsync(client.ListAutoPagingAsync(customer!, cancellationToken: cancellation.Token), output, cancellation.Token);
        }
    }

    Console.Error.WriteLine($"Exported {count} transactions{(customer is null ? string.Empty : " of " + customer)} in {started.Elapsed.TotalSeconds:0.00} s{(command.OutPath is null ? string.Empty : " to " + command.OutPath)}.");
    return 0;
}
catch (Exception exception) when (exception is StripeException or MissingApiKeyException or ArgumentException or IOException)
{
    Console.Error.WriteLine(exception.Message);
    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine(command.CheckpointPath is null ? "Stopped." : $"Stopped; run the same command again to continue from {command.CheckpointPath}.");
    return 130;
}
