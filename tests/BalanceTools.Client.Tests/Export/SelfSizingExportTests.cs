using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

/// <summary>
/// Without a throttle limit an export keeps about twice the rate limit times the measured latency in flight: enough
/// to reach the limit (rate × latency), never far past it; a throttle limit caps it.
/// </summary>
public sealed class SelfSizingExportTests
{
    private const int Rate = 40;
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(200);

    // 40/s × 0.2 s: eight requests in flight reach the limit; the target is 2 × 8 + 2.
    private const int Needed = 8;
    private const int Sized = 18;

    [Fact]
    public async Task Many_small_customers_get_as_many_requests_in_flight_as_the_rate_and_the_latency_need()
    {
        await using var fixture = await StartAsync(Enumerable.Range(0, 120).Select(i => i % 90).ToArray());
        await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions());

        var events = await BalanceExportTests.PullAsync(export);

        Assert.Equal(fixture.ExpectedEvents(fixture.AccountNewestFirst), events);
        Assert.InRange(BalanceExportTests.PeakConcurrency(fixture.Server.Requests.Snapshot()), Needed, Sized);
    }

    [Fact]
    public async Task One_big_customer_alone_is_sliced_until_the_rate_and_the_latency_are_served()
    {
        await using var fixture = await StartAsync(new[] { 6_000 });
        await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions());

        var events = await BalanceExportTests.PullAsync(export);

        Assert.Equal(fixture.ExpectedEvents(fixture.AccountNewestFirst), events);
        var pages = fixture.Server.Requests.Snapshot().Where(r => r.RawPath.Contains(fixture.Customers[0], StringComparison.Ordinal)).ToList();
        Assert.InRange(BalanceExportTests.PeakConcurrency(pages), Needed, Sized);
        Assert.InRange(pages.Count, 60, 69);
    }

    [Fact]
    public async Task A_throttle_limit_caps_requests_in_flight_over_customers_and_slices()
    {
        await using var fixture = await StartAsync(new[] { 3, 3_000, 40, 0, 7 });
        await using var export = BalanceExport.ForAllCustomers(fixture.Client, new BalanceExportOptions { ThrottleLimit = 3 });

        var events = await BalanceExportTests.PullAsync(export);

        Assert.Equal(fixture.ExpectedEvents(fixture.AccountNewestFirst), events);
        var transactionPages = fixture.Server.Requests.Snapshot().Where(r => r.RawPath != "/v1/customers").ToList();
        Assert.Equal(3, BalanceExportTests.PeakConcurrency(transactionPages));
    }

    private static async Task<ExportFixture> StartAsync(int[] counts)
    {
        var fixture = await ExportFixture.StartAsync(counts, options => options.MaxRequestsPerSecond = Rate);
        fixture.Server.Latency = Latency;
        fixture.Server.RateLimits = new FakeRateLimits { GlobalPerSecond = Rate, PerEndpointPerSecond = Rate };
        return fixture;
    }
}
