using System.Diagnostics;
using System.Net.Http.Headers;
using BalanceTools.FakeStripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// The whole benchmark: seeds an in-process fake Stripe server, measures each scenario in child processes, takes
/// medians, and prints the tables and the targets' verdicts; then the whole-account export at Stripe's rate limits
/// (<see cref="WholeAccountSection"/>, on servers of its own); then bulk writes at Stripe's write limit
/// (<see cref="WriteSection"/>, also runnable alone).
/// </summary>
public sealed class BenchmarkRun
{
    private readonly bool smoke;
    private readonly TextWriter output;

    public BenchmarkRun(bool smoke, TextWriter output)
    {
        this.smoke = smoke;
        this.output = output;
    }

    // Each measurement first streams this many objects, which is enough to cycle the GC's gen-0 budget and tier up
    // the JIT; without it a 10k run never reaches the steady state a 1M run is in, and the working set "growth"
    // between them measures the runtime warming up (the raw loop showed the same ~23 MB) rather than the client.
    private int WarmUpObjects => smoke ? 5_000 : 50_000;

    private int[] Sizes => smoke ? new[] { 1_000, 5_000 } : new[] { 10_000, 100_000, 1_000_000 };

    private int Repetitions(int size) => smoke ? 1 : size >= 1_000_000 ? 3 : 5;

    private int[] LatenciesMs => smoke ? new[] { 0, 20 } : new[] { 0, 20, 50 };

    private int LatencyObjects => smoke ? 1_000 : 5_000;

    // About as much work per page of 100 as the largest injected latency, as the target describes.
    private static TimeSpan ConsumerCost => TimeSpan.FromMilliseconds(0.5);

    public async Task<bool> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        output.WriteLine($"# BalanceTools paging benchmark{(smoke ? " (smoke mode)" : string.Empty)}");
        output.WriteLine();
        foreach (var line in MachineInfo.Describe())
        {
            output.WriteLine("- " + line);
        }

        await using var server = await FakeStripeServer.StartAsync();
        var warmUp = server.Store.CreateCustomer("usd");
        server.Store.Seed(warmUp, WarmUpObjects);
        var customers = Sizes.ToDictionary(size => size, size =>
        {
            var customer = server.Store.CreateCustomer("usd");
            server.Store.Seed(customer, size);
            return customer;
        });
        output.WriteLine($"- Server: in-process fake Stripe on {server.BaseUri}, {customers.Keys.Sum():N0} seeded transactions; each measurement runs in its own process");
        output.WriteLine();

        var throughputOk = await ThroughputAsync(server, customers, warmUp);
        var prefetchOk = await PrefetchAsync(server, warmUp);
        await ServerThroughputAsync(server, customers[Sizes[^1]]);
        var singleCustomer = clock.Elapsed;
        var wholeAccountOk = await new WholeAccountSection(smoke, output).RunAsync();
        var wholeAccount = clock.Elapsed;
        var writesOk = await new WriteSection(smoke, output).RunAsync();
        output.WriteLine($"Run time: {clock.Elapsed.TotalMinutes:0.0} min ({singleCustomer.TotalMinutes:0.0} single-customer, {(wholeAccount - singleCustomer).TotalMinutes:0.0} whole-account, {(clock.Elapsed - wholeAccount).TotalMinutes:0.0} bulk writes).");
        return throughputOk && prefetchOk && wholeAccountOk && writesOk;
    }

    private async Task<bool> ThroughputAsync(FakeStripeServer server, IReadOnlyDictionary<int, string> customers, string warmUp)
    {
        output.WriteLine("## Auto-paging against a hand-written HttpClient + System.Text.Json loop and Stripe's official SDK (no latency)");
        output.WriteLine();
        output.WriteLine("| objects | reader | median wall time | objects/s | requests | allocated B/object | peak working set | first object | time vs raw |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        var verdicts = new List<string>();
        var peers = new List<string>();
        var peaks = new Dictionary<int, double>();
        foreach (var (size, customer) in customers)
        {
            var raw = await MedianAsync(server, new Scenario(Reader.Raw, customer, size, TimeSpan.Zero), warmUp, Repetitions(size));
            var client = await MedianAsync(server, new Scenario(Reader.Client, customer, size, TimeSpan.Zero), warmUp, Repetitions(size));
            var stripeNet = await MedianAsync(server, new Scenario(Reader.StripeNet, customer, size, TimeSpan.Zero), warmUp, Repetitions(size));
            var ratio = client.Seconds / raw.Seconds;
            Row(size, "raw loop", raw, 1.0);
            Row(size, "BalanceTools -All", client, ratio);
            Row(size, $"Stripe.net {StripeNetVersion} ListAutoPagingAsync", stripeNet, stripeNet.Seconds / raw.Seconds);
            peers.Add($"- {size:N0}: BalanceTools -All takes {client.Seconds / stripeNet.Seconds:0.00}x Stripe.net's time, allocates {client.AllocatedBytesPerObject / stripeNet.AllocatedBytesPerObject:0.00}x its bytes per object; Stripe.net sent {stripeNet.Requests:N0} requests and read {stripeNet.Objects:N0} objects");
            peaks[size] = client.PeakMegabytes;
            var expectedRequests = (int)Math.Ceiling(size / (double)Scenario.PageSize);
            verdicts.Add(Verdict($"{size:N0}: client time / raw loop time = {ratio:0.00} (target <= 1.25)", ratio <= 1.25));
            verdicts.Add(Verdict($"{size:N0}: requests = {client.Requests} (target exactly ceil(N/100) = {expectedRequests})", client.Requests == expectedRequests && client.Objects == size));
        }

        var growth = peaks[Sizes[^1]] - peaks[Sizes[0]];
        verdicts.Add(Verdict($"peak working set growth {Sizes[0]:N0} -> {Sizes[^1]:N0}: {growth:0.0} MB (target < 20 MB)", growth < 20));
        output.WriteLine();
        verdicts.ForEach(output.WriteLine);
        output.WriteLine();
        output.WriteLine("The peer (no target; the same server, process isolation and warm-up as the rows above):");
        output.WriteLine();
        peers.ForEach(output.WriteLine);
        output.WriteLine();
        return verdicts.All(v => v.StartsWith("- PASS", StringComparison.Ordinal));
    }

    private async Task<bool> PrefetchAsync(FakeStripeServer server, string warmUp)
    {
        var customer = server.Store.CreateCustomer("usd");
        server.Store.Seed(customer, LatencyObjects);
        output.WriteLine($"## Prefetch against sequential paging, {LatencyObjects:N0} objects, consumer costing {ConsumerCost.TotalMilliseconds} ms per object ({ConsumerCost.TotalMilliseconds * Scenario.PageSize} ms per page)");
        output.WriteLine();
        output.WriteLine("| latency per request | sequential (ListAsync loop) | BalanceTools -All (prefetch) | speed-up | first object, sequential | first object, -All |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        var verdicts = new List<string>();
        foreach (var latency in LatenciesMs)
        {
            server.Latency = TimeSpan.FromMilliseconds(latency);
            var repetitions = smoke ? 1 : 3;
            var sequential = await MedianAsync(server, new Scenario(Reader.Sequential, customer, LatencyObjects, ConsumerCost), warmUp, repetitions);
            var prefetch = await MedianAsync(server, new Scenario(Reader.Client, customer, LatencyObjects, ConsumerCost), warmUp, repetitions);
            var speedUp = sequential.Seconds / prefetch.Seconds;
            output.WriteLine($"| {latency} ms | {sequential.Seconds:0.00} s | {prefetch.Seconds:0.00} s | {speedUp:0.00}x | {sequential.FirstObjectMilliseconds:0.0} ms | {prefetch.FirstObjectMilliseconds:0.0} ms |");
            if (latency == LatenciesMs[^1])
            {
                verdicts.Add(Verdict($"speed-up at {latency} ms latency: {speedUp:0.00}x (target >= 1.6x)", speedUp >= 1.6));
            }
        }

        server.Latency = TimeSpan.Zero;
        output.WriteLine();
        verdicts.ForEach(output.WriteLine);
        output.WriteLine();
        return verdicts.All(v => v.StartsWith("- PASS", StringComparison.Ordinal));
    }

    private async Task ServerThroughputAsync(FakeStripeServer server, string customer)
    {
        const int Connections = 4;
        var pages = smoke ? 20 : 500;
        output.WriteLine($"## The fake server's own throughput ({Connections} connections, {pages} pages of 100 each, plain HttpClient without parsing)");
        output.WriteLine();
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Connections).Select(async _ =>
        {
            using var http = new HttpClient { BaseAddress = server.BaseUri };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
            for (var page = 0; page < pages; page++)
            {
                using var response = await http.GetAsync($"v1/customers/{customer}/balance_transactions?limit=100");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }
        }));
        var objectsPerSecond = Connections * pages * 100 / stopwatch.Elapsed.TotalSeconds;
        output.WriteLine($"Served {objectsPerSecond:N0} objects/s ({Connections * pages / stopwatch.Elapsed.TotalSeconds:N0} pages/s) while sharing the machine with the load generator; compare with the client rates above.");
        output.WriteLine();
        server.Requests.Clear();
    }

    private async Task<RunSummary> MedianAsync(FakeStripeServer server, Scenario scenario, string warmUp, int repetitions)
    {
        var runs = new List<(Measurement Measurement, int Requests)>();
        for (var i = 0; i < repetitions; i++)
        {
            server.Requests.Clear();
            var measurement = await ChildRun.MeasureAsync(scenario, scenario with { Customer = warmUp }, server.BaseUri, server.ApiKey);
            var requests = server.Requests.Snapshot().Count(r => r.RawPath.Contains(scenario.Customer, StringComparison.Ordinal));
            runs.Add((measurement, requests));
        }

        server.Requests.Clear();
        var median = runs.OrderBy(r => r.Measurement.Seconds).ElementAt(runs.Count / 2);
        return new RunSummary(median.Measurement, median.Requests, runs.Max(r => r.Measurement.PeakWorkingSetBytes));
    }

    private void Row(int size, string reader, RunSummary run, double ratio) =>
        output.WriteLine($"| {size:N0} | {reader} | {run.Seconds:0.000} s | {run.ObjectsPerSecond:N0} | {run.Requests:N0} | {run.AllocatedBytesPerObject:N0} | {run.PeakMegabytes:0.0} MB | {run.FirstObjectMilliseconds:0.0} ms | {ratio:0.00}x |");

    private static string StripeNetVersion => StripeNetReader.Version;

    private static string Verdict(string text, bool met) => (met ? "- PASS " : "- MISS ") + text;

    private sealed record RunSummary(Measurement Measurement, int Requests, long MaxPeakWorkingSetBytes)
    {
        public int Objects => Measurement.Objects;

        public double Seconds => Measurement.Seconds;

        public double ObjectsPerSecond => Measurement.ObjectsPerSecond;

        public double FirstObjectMilliseconds => Measurement.FirstObjectMilliseconds;

        public double AllocatedBytesPerObject => Measurement.AllocatedBytesPerObject;

        public double PeakMegabytes => MaxPeakWorkingSetBytes / (1024.0 * 1024.0);
    }
}
