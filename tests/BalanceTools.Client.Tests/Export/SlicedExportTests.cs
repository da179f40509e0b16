using BalanceTools.FakeStripe;
using Xunit.Abstractions;

namespace BalanceTools.Client.Tests;

/// <summary>
/// A big customer paged in slices of its time range at once: what comes out is exactly what one listing gives,
/// whatever the density of its seconds, its filters or where a run stopped.
/// </summary>
public sealed class SlicedExportTests : IDisposable
{
    private readonly ITestOutputHelper output;
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sliced-export-" + Guid.NewGuid().ToString("N"))).FullName;

    public SlicedExportTests(ITestOutputHelper output) => this.output = output;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task A_big_customer_among_small_ones_is_paged_in_concurrent_slices_and_comes_out_as_one_listing()
    {
        var counts = Enumerable.Range(0, 9).Select(i => i % 4).ToList();
        counts.Insert(4, 3_000);
        await using var fixture = await ExportFixture.StartAsync(counts);
        fixture.Server.Latency = TimeSpan.FromMilliseconds(40);
        var big = fixture.Customers[4];

        await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions());
        var events = await BalanceExportTests.PullAsync(export);

        Assert.Equal(fixture.ExpectedEvents(fixture.AccountNewestFirst), events);
        var bigRequests = fixture.Server.Requests.Snapshot().Where(r => r.RawPath.Contains(big, StringComparison.Ordinal)).ToList();
        var peak = BalanceExportTests.PeakConcurrency(bigRequests);
        output.WriteLine($"{bigRequests.Count} requests for the big customer's 30 pages, {peak} at once at most");
        Assert.True(peak >= 3, $"the big customer's pages went {peak} at a time");
        Assert.Contains(bigRequests, r => Uri.UnescapeDataString(r.RawQuery).Contains("created[lte]=", StringComparison.Ordinal));
        Assert.DoesNotContain(fixture.Server.Requests.Snapshot(), r => r.RawPath == "/v1/customers/" + big);
        Assert.InRange(bigRequests.Count, 30, 34);
    }

    [Fact]
    public async Task Slices_cut_at_whole_seconds_give_dense_and_tied_seconds_exactly_as_one_listing_with_and_without_created_filters()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 0 });
        fixture.Server.Latency = TimeSpan.FromMilliseconds(20);
        var customer = fixture.Customers[0];
        var start = fixture.Server.Store.CustomerCreated(customer);
        fixture.Server.Store.Seed(customer, 1_200, firstCreated: start, spacingSeconds: 1);
        fixture.Server.Store.Seed(customer, 450, firstCreated: start + 1_500, spacingSeconds: 0);
        fixture.Server.Store.Seed(customer, 900, firstCreated: start + 1_501, spacingSeconds: 2);
        fixture.Server.Store.Seed(customer, 333, firstCreated: start + 4_000, spacingSeconds: 0);
        fixture.Server.Store.Seed(customer, 700, firstCreated: start + 4_001, spacingSeconds: 1);
        var filters = new CreatedFilter?[]
        {
            null,
            new() { GreaterThanOrEqual = DateTimeOffset.FromUnixTimeSeconds(start + 1_500), LessThanOrEqual = DateTimeOffset.FromUnixTimeSeconds(start + 4_000) },
            new() { GreaterThan = DateTimeOffset.FromUnixTimeSeconds(start + 300), LessThan = DateTimeOffset.FromUnixTimeSeconds(start + 4_500) },
        };

        foreach (var filter in filters)
        {
            var single = await ListTests.ToListAsync(fixture.Client.ListAutoPagingAsync(customer, new ListOptions { Created = filter }));
            fixture.Server.Requests.Clear();
            await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions { Transactions = new ListOptions { Created = filter } });
            var events = await BalanceExportTests.PullAsync(export);

            var expected = single.Select(t => t.Id).Append("end " + customer).ToList();
            Assert.Equal(expected, events.SkipWhile(e => e != expected[0]).Take(expected.Count));
            var sliced = fixture.Server.Requests.Snapshot().Where(r => r.RawPath.Contains(customer, StringComparison.Ordinal)).ToList();
            output.WriteLine($"filter {filter?.FirstSecond - start}..{filter?.LastSecond - start}: {single.Count} transactions, {sliced.Count} requests, {BalanceExportTests.PeakConcurrency(sliced)} at once");
            Assert.True(BalanceExportTests.PeakConcurrency(sliced) >= 2, "the customer was not sliced");
        }
    }

    [Theory]
    [InlineData(150)]
    [InlineData(1_234)]
    [InlineData(2_950)]
    public async Task A_run_stopped_inside_a_sliced_customer_resumes_with_no_row_lost_or_repeated(int stopAfter)
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 5, 3_000, 7 });
        fixture.Server.Latency = TimeSpan.FromMilliseconds(10);
        var checkpoint = Path.Combine(folder, "sliced.json");
        var options = new BalanceExportOptions { CheckpointPath = checkpoint };

        List<string> first;
        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, options))
        {
            first = await BalanceExportTests.PullAsync(export, stopAfterTransactions: stopAfter);
        }

        List<string> second;
        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, options))
        {
            second = await BalanceExportTests.PullAsync(export);
        }

        var rows = first.Concat(second).Where(e => !e.StartsWith("end ", StringComparison.Ordinal)).ToList();
        Assert.Equal(fixture.ExpectedEvents(fixture.AccountNewestFirst).Where(e => !e.StartsWith("end ", StringComparison.Ordinal)), rows);
    }

    [Fact]
    public async Task A_big_customer_deleted_while_its_slices_page_ends_once_as_deleted_after_a_prefix_of_its_rows_and_the_others_go_on()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 5, 4_000, 7 });
        fixture.Server.Latency = TimeSpan.FromMilliseconds(10);
        var big = fixture.Customers[1];
        var seen = new List<string>();

        await using (var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions()))
        {
            var ofBig = 0;
            await foreach (var next in export.ExportAllCustomersAsync())
            {
                seen.Add(ExportFixture.Describe(next));
                export.Acknowledge();
                if (!next.IsEnd && next.Customer == big && ++ofBig == 1_000)
                {
                    fixture.Server.Store.DeleteCustomer(big);
                }
            }

            Assert.Equal(1, export.CustomersDeleted);
            Assert.Equal(0, export.CustomersFailed);
        }

        var start = seen.IndexOf(fixture.Expected[big][0]);
        var end = seen.IndexOf("failed " + big);
        Assert.True(end > start && start >= 0, "the big customer did not end as deleted");
        Assert.Equal(fixture.Expected[big].Take(end - start), seen.Skip(start).Take(end - start));
        Assert.InRange(end - start, 1_000, 3_999);
        Assert.Equal(fixture.Expected[fixture.Customers[0]].Append("end " + fixture.Customers[0]), seen.Skip(end + 1).Take(fixture.Expected[fixture.Customers[0]].Count + 1));
    }

    [Fact]
    public async Task A_piped_big_customer_costs_one_lookup_of_its_created_second_and_is_sliced()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 2_500 });
        fixture.Server.Latency = TimeSpan.FromMilliseconds(20);
        var customer = fixture.Customers[0];

        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions());
        var events = await BalanceExportTests.PushAsync(export, new[] { customer });

        Assert.Equal(fixture.ExpectedEvents(new[] { customer }), events);
        var requests = fixture.Server.Requests.Snapshot();
        Assert.Single(requests, r => r.RawPath == "/v1/customers/" + customer);
        var pages = requests.Where(r => r.RawPath.EndsWith("/balance_transactions", StringComparison.Ordinal)).ToList();
        Assert.Equal(requests.Count - 1, pages.Count);
        Assert.True(BalanceExportTests.PeakConcurrency(pages) >= 3, "the customer was not sliced");
        Assert.InRange(pages.Count, 25, 29);
    }

    [Fact]
    public async Task Piped_customers_of_five_pages_or_fewer_cost_no_extra_request()
    {
        await using var fixture = await ExportFixture.StartAsync(new[] { 500, 101, 499, 0, 350 });
        await using var export = BalanceExport.ForCustomers(fixture.Client, new BalanceExportOptions());
        var events = await BalanceExportTests.PushAsync(export, fixture.Customers);

        Assert.Equal(fixture.ExpectedEvents(fixture.Customers), events);
        Assert.Equal(5 + 2 + 5 + 1 + 4, fixture.Server.Requests.Count);
    }
}
