using BalanceTools.Benchmarks;

namespace BalanceTools.Client.Tests;

/// <summary>The benchmark's readers must read the same thing the same way, or its comparisons mean nothing.</summary>
public sealed class BenchmarkReaderTests
{
    [Theory]
    [InlineData(Reader.Client)]
    [InlineData(Reader.Sequential)]
    [InlineData(Reader.Raw)]
    public async Task Every_reader_reads_every_object_once_in_ceil_n_over_100_requests(Reader reader)
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 1_234);
        var seen = 0;

        var count = await new Scenario(reader, stripe.Customer, 1_234, TimeSpan.Zero).ReadAsync(stripe.Server.BaseUri, stripe.Server.ApiKey, () => seen++);

        Assert.Equal(1_234, count);
        Assert.Equal(1_234, seen);
        Assert.Equal(13, stripe.Server.Requests.Count);
    }

    [Fact]
    public void The_consumer_spends_the_time_it_is_asked_to()
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        Consumer.Work(TimeSpan.FromMilliseconds(20));

        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(20));
    }
}
