using System.Diagnostics;
using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

public sealed class BalanceExportTests : IDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "balance-export-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Piped_customers_come_out_in_input_order_each_contiguous_and_newest_first_under_random_latencies()
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(30, 350));
        fixture.Server.LatencyJitter = TimeSpan.FromMilliseconds(15);
        var input = fixture.Customers.Reverse().ToList();

        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 6 });
        var events = await PushAsync(export, input);

        Assert.Equal(fixture.ExpectedEvents(input), events);
        var requests = fixture.Server.Requests.Snapshot();
        Assert.Equal(input.Sum(customer => Math.Max(1, (fixture.Expected[customer].Count + 99) / 100)), requests.Count);
    }

    [Fact]
    public async Task Customers_are_listed_concurrently_up_to_the_throttle_limit_and_no_further()
    {
        await using var fixture = await ExportFixture.StartAsync(Enumerable.Repeat(150, 12).ToArray());
        fixture.Server.Latency = TimeSpan.FromMilliseconds(100);

        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 4 });
        await PushAsync(export, fixture.Customers);

        var peak = PeakConcurrency(fixture.Server.Requests.Snapshot());
        Assert.InRange(peak, 3, 4 * 2);
        Assert.Equal(12 * 2, fixture.Server.Requests.Count);
    }

    [Fact]
    public async Task Buffering_is_bounded_by_the_throttle_not_by_the_account()
    {
        await using var fixture = await ExportFixture.StartAsync(Enumerable.Repeat(1_000, 6).ToArray());
        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 4, BufferPerCustomer = 200 });

        foreach (var customer in fixture.Customers.Take(4))
        {
            export.Add(customer);
        }

        var settled = await SettleAsync(fixture.Server);

        // The head is read at the reader's pace (nothing read yet: no request); each other customer fills its 200
        // and holds at most the page it is reading and one prefetched page: 4 requests each.
        Assert.Equal(3 * 200, export.Buffered);
        Assert.InRange(settled, 3 * 3, 3 * 4);
        Assert.False(export.HasRoom);

        var events = await DrainAsync(export);
        Assert.Equal(fixture.ExpectedEvents(fixture.Customers.Take(4)), events);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(3_000)]
    public async Task A_reader_that_stops_after_a_few_objects_of_the_first_customer_costs_one_request(int transactions)
    {
        // 3,000 is big enough to be sliced: slicing starts only once the reader took a tenth of the first page.
        await using var fixture = await ExportFixture.StartAsync(new[] { transactions });
        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions());
        export.Add(fixture.Customers[0]);

        for (var i = 0; i < 5; i++)
        {
            Assert.False((await export.NextAsync(wait: true))!.IsEnd);
        }

        await export.DisposeAsync();
        Assert.Equal(1, fixture.Server.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_ends_every_listing_in_flight_promptly()
    {
        await using var fixture = await ExportFixture.StartAsync(Enumerable.Repeat(300, 8).ToArray());
        foreach (var slow in fixture.Customers.Skip(1))
        {
            fixture.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(30)), pathContains: slow);
        }

        using var cancellation = new CancellationTokenSource();
        var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 8 }, cancellation.Token);
        foreach (var customer in fixture.Customers)
        {
            export.Add(customer);
        }

        Assert.NotNull(await export.NextAsync(wait: true));
        await Eventually.WaitUntilAsync(() => fixture.Server.Requests.InFlight == 7);

        var stopwatch = Stopwatch.StartNew();
        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            while (await export.NextAsync(wait: true) is not null)
            {
            }
        });
        await export.DisposeAsync();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"stopping took {stopwatch.Elapsed}");
        await Eventually.WaitUntilAsync(() => fixture.Server.Requests.InFlight == 0);
    }

    [Fact]
    public async Task A_deleted_customer_is_one_end_with_its_404_counted_as_deleted_and_the_others_go_on()
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(10, 250));
        var deleted = fixture.Customers[3];
        fixture.Server.Store.DeleteCustomer(deleted);

        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 4 });
        var failures = new List<FanOutEvent<CustomerBalanceTransaction>>();
        var events = await PushAsync(export, fixture.Customers, onFailure: failures.Add);

        var expected = fixture.ExpectedEvents(fixture.Customers);
        var failedAt = expected.IndexOf("end " + deleted);
        expected.RemoveRange(failedAt - fixture.Expected[deleted].Count, fixture.Expected[deleted].Count + 1);
        expected.Insert(failedAt - fixture.Expected[deleted].Count, "failed " + deleted);
        Assert.Equal(expected, events);
        var failure = Assert.IsType<StripeException>(Assert.Single(failures).Failure);
        Assert.Equal(StripeErrorClass.NotFound, failure.ErrorClass);
        Assert.True(ExportFailures.IsDeletedCustomer(failure));
        Assert.Equal(9, export.CustomersCompleted);
        Assert.Equal(1, export.CustomersDeleted);
        Assert.Equal(0, export.CustomersFailed);
    }

    [Fact]
    public async Task A_storm_of_429s_ends_with_every_row_exactly_once()
    {
        // The client allows three times what the server does: the limiter meets a storm and settles within seconds
        // (one decrease a second). A client set far above the server (1,000/s) takes longer than this fixture's
        // 20 ms retry back-off lasts, and a customer then fails after its retries, as it should.
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(25, 300), options =>
        {
            options.MaxRequestsPerSecond = 60;
            options.MaxRateLimitRetries = 50;
        });
        fixture.Server.RateLimits = new FakeRateLimits { GlobalPerSecond = 100, PerEndpointPerSecond = 20, MaxConcurrentRequests = 4, SendRetryAfter = false };

        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 12 });
        var events = await PushAsync(export, fixture.Customers);

        Assert.Equal(fixture.ExpectedEvents(fixture.Customers), events);
        var requests = fixture.Server.Requests.Snapshot();
        Assert.Contains(requests, request => request.Status == 429);
    }

    [Fact]
    public async Task Every_customer_of_the_account_is_exported_newest_customer_first()
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(130, 220));
        await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 8 });

        var events = await PullAsync(export);

        Assert.Equal(fixture.ExpectedEvents(fixture.AccountNewestFirst), events);
        var listings = fixture.Server.Requests.Snapshot().Where(r => r.RawPath == "/v1/customers").ToList();
        Assert.Equal(2, listings.Count);
        Assert.All(listings, listing => Assert.Contains("limit=100", listing.RawQuery));
    }

    [Fact]
    public async Task Only_the_upper_created_bounds_of_the_transactions_are_passed_to_the_customer_listing()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 1, 2 });
        var created = new CreatedFilter { GreaterThanOrEqual = DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), LessThan = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000) };
        await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions { Transactions = new ListOptions { Created = created } });

        await PullAsync(export);

        var listing = Assert.Single(fixture.Server.Requests.Snapshot(), r => r.RawPath == "/v1/customers");
        Assert.Contains("created[lt]=2000000000", Uri.UnescapeDataString(listing.RawQuery));
        Assert.DoesNotContain("gte", listing.RawQuery);
        Assert.All(fixture.Server.Requests.Snapshot().Where(r => r.RawPath != "/v1/customers"), r => Assert.Contains("created[gte]=1600000000", Uri.UnescapeDataString(r.RawQuery)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(150)]
    [InlineData(777)]
    public async Task A_piped_export_stopped_in_the_middle_resumes_without_repeating_or_missing_a_row(int stopAfter)
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(12, 250, seed: stopAfter));
        var checkpoint = Path.Combine(folder, "piped.json");
        var options = new BalanceExportOptions { ThrottleLimit = 4, CheckpointPath = checkpoint };

        List<string> first;
        await using (var export = BalanceExport.ForCustomers(fixture.Client, options))
        {
            first = await PushAsync(export, fixture.Customers, stopAfterTransactions: stopAfter);
        }

        List<string> second;
        await using (var export = BalanceExport.ForCustomers(fixture.Client, options))
        {
            second = await PushAsync(export, fixture.Customers);
            Assert.True(export.CustomersSkipped > 0 || first.All(e => !e.StartsWith("end ", StringComparison.Ordinal)));
        }

        Assert.Equal(fixture.ExpectedEvents(fixture.Customers).Where(e => !e.StartsWith("end ", StringComparison.Ordinal)), first.Concat(second).Where(e => !e.StartsWith("end ", StringComparison.Ordinal)));
        var completedFirst = first.Where(e => e.StartsWith("end ", StringComparison.Ordinal)).ToList();
        Assert.Empty(completedFirst.Intersect(second));
        using var written = ExportCheckpoint.OpenOrCreate(checkpoint, ExportScope.For(allCustomers: false, new ListOptions()));
        Assert.True(written.IsFinished);
    }

    [Fact]
    public async Task A_whole_account_export_stopped_in_the_middle_resumes_where_the_listing_stood_and_retries_failed_customers_first()
    {
        await using var fixture = await ExportFixture.StartAsync(ExportFixture.Counts(140, 150));
        var checkpoint = Path.Combine(folder, "all.json");
        var options = new BalanceExportOptions { ThrottleLimit = 5, CheckpointPath = checkpoint };
        var flaky = fixture.AccountNewestFirst[2];
        for (var attempt = 0; attempt <= StripeDefaults.MaxNetworkRetries; attempt++)
        {
            fixture.Server.Faults.Enqueue(Fault.Status(500), pathContains: flaky);
        }

        List<string> first;
        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, options))
        {
            first = await PullAsync(export, stopAfterTransactions: 4_000);
        }

        Assert.Contains("failed " + flaky, first);
        fixture.Server.Requests.Clear();
        List<string> second;
        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, options))
        {
            second = await PullAsync(export);
        }

        Assert.Equal("end " + flaky, second.First(e => e.StartsWith("end ", StringComparison.Ordinal)));
        var rows = first.Concat(second).Where(e => e.StartsWith("cbtxn_", StringComparison.Ordinal)).ToList();
        Assert.Equal(fixture.Expected.Values.Sum(ids => ids.Count), rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Empty(first.Where(e => e.StartsWith("end ", StringComparison.Ordinal)).Intersect(second));
        Assert.Contains(fixture.Server.Requests.Snapshot(), r => r.RawPath == "/v1/customers" && Uri.UnescapeDataString(r.RawQuery).Contains("created[lte]=", StringComparison.Ordinal));

        await using var finished = BalanceExport.ForAllCustomers(fixture.Client, options);
        Assert.True(finished.AlreadyFinished);
        Assert.Empty(await PullAsync(finished));
    }

    [Fact]
    public async Task A_finished_whole_account_export_with_failures_retries_only_the_failed_customers()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 120, 30, 250 });
        var checkpoint = Path.Combine(folder, "finished.json");
        var options = new BalanceExportOptions { CheckpointPath = checkpoint };
        var flaky = fixture.Customers[1];
        for (var attempt = 0; attempt <= StripeDefaults.MaxNetworkRetries; attempt++)
        {
            fixture.Server.Faults.Enqueue(Fault.Status(500), pathContains: flaky);
        }

        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, options))
        {
            Assert.Contains("failed " + flaky, await PullAsync(export));
        }

        fixture.Server.Requests.Clear();
        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, options))
        {
            Assert.False(export.AlreadyFinished);
            Assert.Equal(fixture.ExpectedEvents(new[] { flaky }), await PullAsync(export));
        }

        Assert.DoesNotContain(fixture.Server.Requests.Snapshot(), r => r.RawPath == "/v1/customers");
        await using var finished = BalanceExport.ForAllCustomers(fixture.Client, options);
        Assert.True(finished.AlreadyFinished);
    }

    [Fact]
    public async Task A_checkpoint_refuses_a_different_input_or_different_filters_in_plain_words()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 3, 3, 3 });
        var checkpoint = Path.Combine(folder, "mismatch.json");
        await using (var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { CheckpointPath = checkpoint }))
        {
            await PushAsync(export, fixture.Customers.Take(2), stopAfterTransactions: 4);
        }

        await using (var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { CheckpointPath = checkpoint }))
        {
            var mismatch = Assert.Throws<StripeInputException>(() => export.Add(fixture.Customers[2]));
            Assert.Contains("written for a different list of customers: customer 1 of that run was " + fixture.Customers[0] + ", here it is " + fixture.Customers[2], mismatch.Message);
        }

        var filtered = new BalanceExportOptions { CheckpointPath = checkpoint, Transactions = new ListOptions { Created = new CreatedFilter { LessThan = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000) } } };
        var otherScope = Assert.Throws<StripeInputException>(() => BalanceExport.ForCustomers(fixture.Client, filtered));
        Assert.Contains("belongs to a different export (piped customers); this run is piped customers with created[lt]=2000000000", otherScope.Message);

        await File.WriteAllTextAsync(checkpoint, "{ not json");
        var unreadable = Assert.Throws<StripeInputException>(() => BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions { CheckpointPath = checkpoint }));
        Assert.Contains("cannot be read as a BalanceTools checkpoint", unreadable.Message);
    }

    internal static async Task<List<string>> PushAsync(BalanceExport export, IEnumerable<string> customers, int stopAfterTransactions = int.MaxValue, Action<FanOutEvent<CustomerBalanceTransaction>>? onFailure = null)
    {
        var seen = new List<string>();
        var transactions = 0;
        bool Take(FanOutEvent<CustomerBalanceTransaction> next)
        {
            seen.Add(ExportFixture.Describe(next));
            export.Acknowledge();
            if (next.Failure is not null)
            {
                onFailure?.Invoke(next);
            }

            return next.IsEnd || ++transactions < stopAfterTransactions;
        }

        foreach (var customer in customers)
        {
            export.Add(customer);
            while (await export.NextAsync(wait: !export.HasRoom) is { } next)
            {
                if (!Take(next))
                {
                    return seen;
                }
            }
        }

        while (await export.NextAsync(wait: true) is { } next)
        {
            if (!Take(next))
            {
                return seen;
            }
        }

        export.Complete();
        return seen;
    }

    internal static async Task<List<string>> PullAsync(BalanceExport export, int stopAfterTransactions = int.MaxValue)
    {
        var seen = new List<string>();
        var transactions = 0;
        await foreach (var next in export.ExportAllCustomersAsync())
        {
            seen.Add(ExportFixture.Describe(next));
            export.Acknowledge();
            if (!next.IsEnd && ++transactions >= stopAfterTransactions)
            {
                break;
            }
        }

        return seen;
    }

    private static async Task<List<string>> DrainAsync(BalanceExport export)
    {
        var seen = new List<string>();
        await foreach (var next in export.RemainingAsync())
        {
            seen.Add(ExportFixture.Describe(next));
        }

        return seen;
    }

    /// <summary>Waits until the server has had no new request for a while; returns how many it had.</summary>
    private static async Task<int> SettleAsync(FakeStripeServer server)
    {
        var last = -1;
        while (server.Requests.Count != last || server.Requests.InFlight > 0)
        {
            last = server.Requests.Count;
            await Task.Delay(300);
        }

        return last;
    }


    internal static int PeakConcurrency(IEnumerable<RecordedRequest> requests)
    {
        var changes = requests.SelectMany(r => new[] { (At: r.ReceivedAt, Delta: 1), (At: r.CompletedAt, Delta: -1) }).OrderBy(c => c.At).ThenBy(c => c.Delta);
        int current = 0, peak = 0;
        foreach (var change in changes)
        {
            current += change.Delta;
            peak = Math.Max(peak, current);
        }

        return peak;
    }
}
