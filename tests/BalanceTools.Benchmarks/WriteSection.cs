using System.Diagnostics;
using BalanceTools.Client;
using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Bulk writes at Stripe's write limit: 1,000 creates (a CSV of credits) and then 1,000 updates of them, sent as
/// New- and Set-CustomerBalanceTransaction -ThrottleLimit send them (an <see cref="OrderedWriteBatch{T}"/> with
/// <see cref="RowIdempotencyKeys"/>, through the client's write budget), at 200 ms a request against a server that
/// allows 25 writes a second per endpoint, with what reached the user and what the server stored.
/// Run on its own: dotnet run -c Release --project tests/BalanceTools.Benchmarks -- writes [smoke]
/// </summary>
public sealed class WriteSection
{
    public const string Verb = "writes";

    private const double WriteLimit = 25;
    private const double TargetShareOfLimit = 0.9;

    private readonly bool smoke;
    private readonly TextWriter output;

    public WriteSection(bool smoke, TextWriter output)
    {
        this.smoke = smoke;
        this.output = output;
    }

    private int Rows => smoke ? 100 : 1_000;

    private int SequentialRows => smoke ? 10 : 100;

    /// <summary>Runs the section and prints its table; true when every target was met.</summary>
    public async Task<bool> RunAsync()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            Latency = TimeSpan.FromMilliseconds(200),
            RateLimits = new FakeRateLimits { GlobalPerSecond = 100, PerEndpointPerSecond = WriteLimit },
        });
        var customers = Enumerable.Range(0, 50).Select(_ => server.Store.CreateCustomer("usd")).ToList();
        output.WriteLine($"## Bulk writes: 200 ms a request, server limit {WriteLimit:0} writes/s per endpoint (100/s in all), client write budget {WriteLimit:0}/s");
        output.WriteLine();
        output.WriteLine("| run | rows | throttle | seconds | rows/s | share of limit | duplicates | 429s from server | 429s to user | other failures |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");

        var sequential = await CreateAsync(server, customers, SequentialRows, 1, "one at a time (before -ThrottleLimit)");
        var creates = await CreateAsync(server, customers, Rows, StripeDefaults.ThrottleLimit, "creates, default throttle");
        var updates = await UpdateAsync(server, creates.Transactions, StripeDefaults.ThrottleLimit, "updates of those, default throttle");
        output.WriteLine();

        var met = true;
        foreach (var run in new[] { creates, updates })
        {
            var ok = run.ShareOfLimit >= TargetShareOfLimit && run.Duplicates == 0 && run.RateLimitedToUser == 0 && run.OtherFailures == 0;
            met &= ok;
            output.WriteLine($"{(ok ? "met" : "MISS")}: {run.Name}: {run.ShareOfLimit:P0} of the limit (target {TargetShareOfLimit:P0}), {run.Duplicates} duplicates, {run.RateLimitedToUser} 429s to the user (targets 0)");
        }

        output.WriteLine($"Sequential baseline: {sequential.RowsPerSecond:0.0} creates/s.");
        output.WriteLine();
        return met;
    }

    private Task<WriteRun> CreateAsync(FakeStripeServer server, IReadOnlyList<string> customers, int rows, int throttleLimit, string name)
    {
        var storedBefore = customers.Sum(server.Store.CountTransactions);
        return MeasureAsync(server, name, throttleLimit, Enumerable.Range(1, rows).Select(i =>
        {
            var customer = customers[i % customers.Count];
            var options = new CreateOptions { Amount = -i, Currency = "usd", Description = $"benchmark credit {i}" };
            return new WriteRequest(customer, keys => keys.ForCreate(customer, options), (client, key, token) =>
                client.CreateAsync(customer, options, new RequestOptions { IdempotencyKey = key }, token));
        }).ToList(), _ => customers.Sum(server.Store.CountTransactions) - storedBefore - rows);
    }

    private Task<WriteRun> UpdateAsync(FakeStripeServer server, IReadOnlyList<CustomerBalanceTransaction> transactions, int throttleLimit, string name) =>
        MeasureAsync(server, name, throttleLimit, transactions.Select(transaction =>
        {
            var options = new UpdateOptions { Description = "reviewed " + transaction.Id };
            return new WriteRequest(transaction.Id, keys => keys.ForUpdate(transaction.Customer, transaction.Id, options), (client, key, token) =>
                client.UpdateAsync(transaction.Customer, transaction.Id, options, new RequestOptions { IdempotencyKey = key }, token));
        }).ToList(), result => result.Transactions.Count - result.Transactions.Select(t => t.Id).Distinct(StringComparer.Ordinal).Count());

    /// <summary>Sends every request through one batch, reading outcomes in order as a cmdlet does, and prints the row.</summary>
    private async Task<WriteRun> MeasureAsync(FakeStripeServer server, string name, int throttleLimit, IReadOnlyList<WriteRequest> requests, Func<WriteRun, int> duplicates)
    {
        // A fresh connected account per run: the client's limiter and the server's buckets are per key and account.
        using var client = new CustomerBalanceTransactionClient(new StripeClientOptions
        {
            ApiKey = new StripeApiKey(server.ApiKey),
            BaseUri = server.BaseUri,
            StripeAccount = "acct_bench" + Guid.NewGuid().ToString("N"),
            MaxRequestsPerSecond = WriteLimit,
        });
        var keys = new RowIdempotencyKeys("bench-" + Guid.NewGuid().ToString("N"));
        var run = new WriteRun(name, requests.Count);
        var refusedBefore = server.Requests.CountStatus(429);
        var stopwatch = Stopwatch.StartNew();
        await using (var batch = new OrderedWriteBatch<CustomerBalanceTransaction>(throttleLimit, CancellationToken.None))
        {
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                var key = request.Key(keys);
                while (!batch.HasRoom)
                {
                    run.Record((await batch.NextAsync(wait: true))!);
                }

                batch.Add(new WriteRow(i + 1, key, request.Target), token => request.Send(client, key, token));
            }

            while (await batch.NextAsync(wait: true) is { } outcome)
            {
                run.Record(outcome);
            }
        }

        run.Elapsed = stopwatch.Elapsed;
        run.RateLimitedByServer = server.Requests.CountStatus(429) - refusedBefore;
        run.Duplicates = duplicates(run);
        output.WriteLine($"| {name} | {run.Rows} | {throttleLimit} | {run.Elapsed.TotalSeconds:0.0} | {run.RowsPerSecond:0.0} | {run.ShareOfLimit:P0} | {run.Duplicates} | {run.RateLimitedByServer} | {run.RateLimitedToUser} | {run.OtherFailures} |");
        return run;
    }

    private sealed record WriteRequest(
        string Target,
        Func<RowIdempotencyKeys, string> Key,
        Func<CustomerBalanceTransactionClient, string, CancellationToken, Task<CustomerBalanceTransaction>> Send);

    private sealed class WriteRun(string name, int rows)
    {
        public string Name { get; } = name;

        public int Rows { get; } = rows;

        public List<CustomerBalanceTransaction> Transactions { get; } = new();

        public int RateLimitedToUser { get; private set; }

        public int OtherFailures { get; private set; }

        public int RateLimitedByServer { get; set; }

        public int Duplicates { get; set; }

        public TimeSpan Elapsed { get; set; }

        public double RowsPerSecond => Transactions.Count / Elapsed.TotalSeconds;

        public double ShareOfLimit => RowsPerSecond / WriteLimit;

        public void Record(WriteOutcome<CustomerBalanceTransaction> outcome)
        {
            if (outcome.Failure is null)
            {
                Transactions.Add(outcome.Result);
            }
            else if (outcome.Failure is StripeException { HttpStatus: 429 })
            {
                RateLimitedToUser++;
            }
            else
            {
                OtherFailures++;
            }
        }
    }
}
