using BalanceTools.Cli;
using BalanceTools.Client;
using BalanceTools.FakeStripe;

const string Usage = """
    Usage:
      balancetools export --customer <cus_…> [--out <file> [--force]] [--format csv|jsonlines] [--api-base <uri>]
          Streams every balance transaction of the customer, newest first, as CSV (or JSON Lines) to stdout, or with
          --out into a file that a stopped run continues, exactly as Export-CustomerBalanceTransaction writes it: its
          checkpoint is kept beside it (<file>.checkpoint.json), the two committed together every --commit-interval
          milliseconds (default 200); an existing file without a checkpoint is refused unless --force (start over);
          --verbose says when each commit starts and ends.
      balancetools export --all-customers [--throttle <1-64>] [--out <file> | --checkpoint <file.json>] …
          Every customer of the account, newest customer first, through the process-wide rate limit
          (STRIPE_MAX_REQUESTS_PER_SECOND, default 25), with as many requests in flight as the rate and the measured
          latency need (at most --throttle, 64 unless given); a big customer is paged in time slices at once. With --out, resumable as above;
          to stdout, --checkpoint makes a stopped run continue after the rows it wrote.
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

long requests = 0;
try
{
    var clientOptions = settings.ToClientOptions();
    clientOptions.OnRequest = _ => Interlocked.Increment(ref requests);
    using var client = new CustomerBalanceTransactionClient(clientOptions);
    var started = System.Diagnostics.Stopwatch.StartNew();
    if (command.OutPath is not null)
    {
        var summary = await FileOutput.WriteAsync(client, command, command.AllCustomers ? null : customer, () => Interlocked.Read(ref requests), cancellation.Token);
        Console.Error.WriteLine($"Exported {summary.RowsWritten} transactions in {started.Elapsed.TotalSeconds:0.00} s to {summary.Path} ({summary.RowsInFile} in the file): {summary.CustomersDone} customers done, {summary.CustomersFailed} failed, {summary.CustomersDeleted} deleted; {summary.Requests} requests, {summary.Commits} commits.");
        if (summary.CustomersFailed > 0)
        {
            Console.Error.WriteLine("Run the same command again to retry the customers that failed.");
            return 1;
        }

        return 0;
    }

    long count;
    await using var output = Console.OpenStandardOutput();
    if (command.AllCustomers)
    {
        await using var export = BalanceExport.ForAllCustomers(client, new BalanceExportOptions { ThrottleLimit = command.ThrottleLimit, CheckpointPath = command.CheckpointPath }, cancellation.Token);
        count = await StandardOutput.WriteAsync(WholeAccount.TransactionsAsync(export, Console.Error, cancellation.Token), command.Format, output, cancellation.Token);
        Console.Error.WriteLine($"{export.CustomersCompleted} customers exported, {export.CustomersFailed} failed, {export.CustomersDeleted} deleted.");
    }
    else
    {
        count = await StandardOutput.WriteAsync(client.ListAutoPagingAsync(customer!, cancellationToken: cancellation.Token), command.Format, output, cancellation.Token);
    }

    Console.Error.WriteLine($"Exported {count} transactions{(customer is null ? string.Empty : " of " + customer)} in {started.Elapsed.TotalSeconds:0.00} s.");
    return 0;
}
catch (Exception exception) when (exception is StripeException or MissingApiKeyException or ArgumentException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(exception.Message);
    if (command.OutPath is not null && exception is StripeException or IOException)
    {
        Console.Error.WriteLine("Run the same command again to continue the file from its last commit.");
    }

    return 1;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    var resume = command.OutPath ?? command.CheckpointPath;
    Console.Error.WriteLine(resume is null ? "Stopped." : $"Stopped; run the same command again to continue from {resume}.");
    return 130;
}
