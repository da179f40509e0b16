using System.Diagnostics;

namespace BalanceTools.Client.Tests;

public sealed class RateLimiterTests
{
    private const string KeyText = "sk_test_limiter_0123456789";
    private static readonly StripeApiKey Key = new(KeyText);

    [Fact]
    public void One_limiter_is_shared_per_key_and_account_and_none_is_made_for_no_limit()
    {
        var account = UniqueAccount();
        var first = RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 25);

        Assert.Same(first, RateLimiterRegistry.For(new StripeApiKey(KeyText), account, RequestBudget.Reads, 25));
        Assert.NotSame(first, RateLimiterRegistry.For(Key, UniqueAccount(), RequestBudget.Reads, 25));
        Assert.NotSame(first, RateLimiterRegistry.For(new StripeApiKey("sk_test_limiter_other_key_01"), account, RequestBudget.Reads, 25));
        Assert.Null(RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 0));
        Assert.Null(RateLimiterRegistry.For(Key, account, RequestBudget.Reads, -1));
        Assert.Null(RateLimiterRegistry.For(Key, account, RequestBudget.Reads, double.PositiveInfinity));
    }

    [Fact]
    public void Reads_and_writes_of_one_key_and_account_have_budgets_of_their_own()
    {
        var account = UniqueAccount();
        var writes = RateLimiterRegistry.For(Key, account, RequestBudget.Writes, 25)!;

        Assert.NotSame(RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 25), writes);
        Assert.Same(writes, RateLimiterRegistry.For(new StripeApiKey(KeyText), account, RequestBudget.Writes, 25));
        writes.OnRateLimited();
        Assert.Equal(25 * AdaptiveRateLimiter.SteadyShare, RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 25)!.CurrentRequestsPerSecond, precision: 6);
    }

    [Fact]
    public void A_different_rate_is_set_on_the_one_limiter_in_place_and_never_hands_out_a_fresh_bucket()
    {
        var account = UniqueAccount();
        var first = RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 25)!;
        first.OnRateLimited();
        var slowedShare = first.CurrentRequestsPerSecond / 25;

        var raised = RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 100);
        var lowered = RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 10);

        Assert.Same(first, raised);
        Assert.Same(first, lowered);
        Assert.Equal(10, first.RequestsPerSecond);
        Assert.Equal(slowedShare * 10, first.CurrentRequestsPerSecond, precision: 3);
        Assert.Equal(1, first.DecreaseCount);
    }

    [Fact]
    public async Task A_limiter_starts_empty_holds_just_under_its_rate_and_after_a_pause_bursts_a_tenth_of_a_second_at_most()
    {
        var limiter = RateLimiterRegistry.For(Key, UniqueAccount(), RequestBudget.Reads, 20)!;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            await limiter.AcquireAsync(CancellationToken.None);
        }

        var paced = stopwatch.Elapsed;
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        stopwatch.Restart();
        for (var i = 0; i < 5; i++)
        {
            await limiter.AcquireAsync(CancellationToken.None);
        }

        var afterPause = stopwatch.Elapsed;

        // 20 requests at 19/s from an empty bucket: a second at least. After the pause the bucket holds a tenth of a
        // second (two requests' worth, less a little), so five take three requests' time: 150 ms at least.
        Assert.True(paced >= TimeSpan.FromMilliseconds(1_000), $"20 requests at 19/s took only {paced}");
        Assert.True(afterPause >= TimeSpan.FromMilliseconds(150), $"five requests after a pause took only {afterPause}");
        Assert.Equal(20 * AdaptiveRateLimiter.SteadyShare, limiter.CurrentRequestsPerSecond, precision: 6);
    }

    [Fact]
    public void Many_429s_in_one_window_lower_the_rate_once_and_the_next_window_may_lower_it_again()
    {
        var clock = new ManualClock();
        var limiter = new AdaptiveRateLimiter(40, clock.Now);
        var aim = 40 * AdaptiveRateLimiter.SteadyShare;

        for (var i = 0; i < 16; i++)
        {
            limiter.OnRateLimited();
        }

        Assert.Equal(aim * AdaptiveRateLimiter.DecreaseFactor, limiter.CurrentRequestsPerSecond, precision: 6);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        limiter.OnRateLimited();
        Assert.Equal(aim * AdaptiveRateLimiter.DecreaseFactor, limiter.CurrentRequestsPerSecond, precision: 6);
        clock.Advance(TimeSpan.FromMilliseconds(150));
        limiter.OnRateLimited();

        Assert.Equal(18, limiter.RateLimitedCount);
        Assert.Equal(2, limiter.DecreaseCount);
        var twice = aim * AdaptiveRateLimiter.DecreaseFactor * AdaptiveRateLimiter.DecreaseFactor;
        Assert.InRange(limiter.CurrentRequestsPerSecond, twice, twice + (0.05 * AdaptiveRateLimiter.RecoveryPerSecond * 40));
    }

    [Fact]
    public void Retry_After_makes_the_window_longer_and_the_rate_climbs_back_additively_after_it_up_to_the_aim()
    {
        var clock = new ManualClock();
        var limiter = new AdaptiveRateLimiter(40, clock.Now);
        var aim = 40 * AdaptiveRateLimiter.SteadyShare;

        limiter.OnRateLimited(TimeSpan.FromSeconds(5));
        var decreased = limiter.CurrentRequestsPerSecond;
        clock.Advance(TimeSpan.FromSeconds(4));
        limiter.OnRateLimited();
        var inWindow = limiter.CurrentRequestsPerSecond;
        clock.Advance(TimeSpan.FromSeconds(3));
        var twoSecondsAfter = limiter.CurrentRequestsPerSecond;
        clock.Advance(TimeSpan.FromSeconds(60));

        Assert.Equal(1, limiter.DecreaseCount);
        Assert.Equal(decreased, inWindow);
        Assert.Equal(decreased + (2 * AdaptiveRateLimiter.RecoveryPerSecond * 40), twoSecondsAfter, precision: 6);
        Assert.Equal(aim, limiter.CurrentRequestsPerSecond, precision: 6);
    }

    [Fact]
    public void However_many_windows_of_429s_the_rate_never_falls_below_a_sixteenth()
    {
        var clock = new ManualClock();
        var limiter = new AdaptiveRateLimiter(32, clock.Now);

        for (var i = 0; i < 40; i++)
        {
            limiter.OnRateLimited();
            clock.Advance(TimeSpan.FromSeconds(1.01));
        }

        Assert.InRange(limiter.CurrentRequestsPerSecond, 32 * AdaptiveRateLimiter.SlowestShare, (32 * AdaptiveRateLimiter.SlowestShare) + (32 * AdaptiveRateLimiter.RecoveryPerSecond * 0.011));
    }

    [Fact]
    public async Task Waiting_for_the_limiter_can_be_cancelled()
    {
        var limiter = RateLimiterRegistry.For(Key, UniqueAccount(), RequestBudget.Reads, 1)!;

        await limiter.AcquireAsync(CancellationToken.None);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var stopwatch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await limiter.AcquireAsync(cancellation.Token));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Every_client_with_the_same_key_and_account_shares_one_rate()
    {
        var account = UniqueAccount();
        await using var stripe = await StripeFixture.StartAsync(options =>
        {
            options.MaxRequestsPerSecond = 10;
            options.StripeAccount = account;
        });
        var options = StripeFixture.ClientOptions(stripe.Server);
        options.MaxRequestsPerSecond = 10;
        options.StripeAccount = account;
        using var second = new CustomerBalanceTransactionClient(options);

        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 15).Select(i => (i % 2 == 0 ? stripe.Client : second).ListAsync(stripe.Customer)));

        // One goes at once, the others at 9.5 a second: well over a second; had each client its own limit, each would
        // take half as long.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(1_200), $"15 requests at 9.5/s over two clients took only {stopwatch.Elapsed}");
        Assert.Equal(15, stripe.Server.Requests.Count);
    }

    private static string UniqueAccount() => "acct_" + Guid.NewGuid().ToString("N").Substring(0, 16);

    /// <summary>A clock a test moves by hand, in Stopwatch ticks.</summary>
    private sealed class ManualClock
    {
        private long ticks = 1_000_000;

        public long Now() => ticks;

        public void Advance(TimeSpan by) => ticks += (long)(by.TotalSeconds * Stopwatch.Frequency);
    }
}
