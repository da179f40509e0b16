namespace BalanceTools.Client.Tests;

public sealed class InFlightTargetTests
{
    [Theory]
    [InlineData(25, 150, 10)]
    [InlineData(25, 300, 17)]
    [InlineData(100, 300, 62)]
    [InlineData(100, 600, 64)]
    [InlineData(25, 1, 3)]
    public void Without_a_throttle_limit_it_is_twice_rate_times_latency_plus_two_within_one_to_sixty_four(double rate, int latencyMs, int expected)
    {
        var latency = new LatencyGauge();
        latency.Record(TimeSpan.FromMilliseconds(latencyMs));

        Assert.Equal(expected, new InFlightTarget(null, rate, latency).Current);
    }

    [Fact]
    public void A_throttle_limit_is_an_upper_bound_and_nothing_measured_yet_means_eight()
    {
        var latency = new LatencyGauge();
        Assert.Equal(InFlightTarget.BeforeMeasuring, new InFlightTarget(null, 25, latency).Current);
        Assert.Equal(3, new InFlightTarget(3, 25, latency).Current);

        latency.Record(TimeSpan.FromMilliseconds(300));
        Assert.Equal(12, new InFlightTarget(12, 25, latency).Current);
        Assert.Equal(17, new InFlightTarget(40, 25, latency).Current);
        Assert.Equal(1, new InFlightTarget(1, 100, latency).Current);
    }

    [Fact]
    public void Without_a_rate_limit_it_is_the_throttle_limit_or_the_old_default()
    {
        var latency = new LatencyGauge();
        latency.Record(TimeSpan.FromMilliseconds(300));

        Assert.Equal(StripeDefaults.ThrottleLimit, new InFlightTarget(null, 0, latency).Current);
        Assert.Equal(40, new InFlightTarget(40, double.PositiveInfinity, latency).Current);
    }

    [Fact]
    public void It_follows_a_change_of_latency_within_about_ten_answers()
    {
        var latency = new LatencyGauge();
        latency.Record(TimeSpan.FromMilliseconds(100));
        var target = new InFlightTarget(null, 25, latency);
        Assert.Equal(7, target.Current);

        for (var i = 0; i < 15; i++)
        {
            latency.Record(TimeSpan.FromMilliseconds(400));
        }

        Assert.InRange(latency.Current!.Value.TotalMilliseconds, 380, 400);
        Assert.Equal(22, target.Current);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    public void A_throttle_limit_outside_one_to_sixty_four_is_refused(int limit)
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new InFlightTarget(limit, 25, new LatencyGauge()));
        Assert.Contains("from 1 to 64", refused.Message);
    }
}
