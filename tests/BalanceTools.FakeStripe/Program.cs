using System.Runtime.InteropServices;
using BalanceTools.FakeStripe;

if (args is ["--help" or "-h"])
{
    Console.WriteLine(StandaloneArguments.Usage);
    return 0;
}

if (StandaloneArguments.Parse(args, out var error) is not { } arguments)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(StandaloneArguments.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, keyPress) =>
{
    keyPress.Cancel = true;
    stop.Cancel();
};
using var termination = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

var options = new FakeStripeServerOptions
{
    Port = arguments.Port,
    Latency = arguments.Latency,
    LatencyJitter = arguments.LatencyJitter,
    RateLimits = arguments.RateLimits,
};
if (arguments.ApiKey is not null)
{
    options.ApiKey = arguments.ApiKey;
}

await using var server = await FakeStripeServer.StartAsync(options, stop.Token);

// The further customers first, so the demo customer is the newest: the first one the customers list shows.
var seeded = server.Store.SeedCustomers(Enumerable.Repeat(arguments.CustomerTransactions, arguments.Customers).ToArray());
var customerId = server.Store.CreateCustomer("usd", "cus_demo");
server.Store.Seed(customerId, arguments.SeedCount);

Console.WriteLine($"Base URI: {server.BaseUri}");
Console.WriteLine($"API key: {server.ApiKey}");
Console.WriteLine($"Demo customer: {customerId} ({arguments.SeedCount} transactions)");
if (seeded.Count > 0)
{
    Console.WriteLine($"Further customers: {seeded.Count} ({arguments.CustomerTransactions} transactions each)");
}

if (server.RateLimits is { } limits)
{
    var concurrency = limits.MaxConcurrentRequests > 0 ? $"at most {limits.MaxConcurrentRequests}" : "any number";
    Console.WriteLine(string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"Rate limits per key: {limits.GlobalPerSecond}/s in all, {limits.PerEndpointPerSecond}/s per endpoint, {concurrency} in flight, Retry-After {(limits.SendRetryAfter ? "sent" : "not sent")}, buckets start {(limits.BucketsStartEmpty ? "empty" : "full")}"));
}

Console.WriteLine("Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    // Ctrl+C or SIGTERM: fall through to dispose the server.
}

return 0;
