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
        var raised = RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 100);
        Assert.Equal(100, raised!.RequestsPerSecond);
        Assert.Same(raised, RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 100));
    }

    [Fact]
    public void Reads_and_writes_of_one_key_and_account_have_budgets_of_their_own()
    {
        var account = UniqueAccount();
        var writes = RateLimiterRegistry.For(Key, account, RequestBudget.Writes, 25)!;

        Assert.NotSame(RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 25), writes);
        Assert.Same(writes, RateLimiterRegistry.For(new StripeApiKey(KeyText), account, RequestBudget.Writes, 25));
        writes.OnRateLimited();
        Assert.Equal(25, RateLimiterRegistry.For(Key, account, RequestBudget.Reads, 25)!.CurrentRequestsPerSecond);
    }

    [Fact]
    public async Task A_limiter_lets_a_second_of_requests_through_at_once_then_holds_to_its_rate()
    {
        var limiter = RateLimiterRegistry.For(Key, UniqueAccount(), RequestBudget.Reads, 20)!;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < 20; i++)
        {
            await limiter.AcquireAsync(CancellationToken.None);
        }

        var burst = stopwatch.Elapsed;
        for (var i = 0; i < 20; i++)
        {
            await limiter.AcquireAsync(CancellationToken.None);
        }

        Assert.True(burst < TimeSpan.FromMilliseconds(500), $"the first second's requests took {burst}");
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(850), $"40 requests at 20/s took only {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Each_429_halves_the_rate_and_a_quiet_second_gives_back_a_quarter_of_what_was_taken()
    {
        var limiter = RateLimiterRegistry.For(Key, UniqueAccount(), RequestBudget.Reads, 40)!;

        limiter.OnRateLimited();
        Assert.Equal(20, limiter.CurrentRequestsPerSecond, precision: 6);
        limiter.OnRateLimited();
        Assert.Equal(10, limiter.CurrentRequestsPerSecond, precision: 6);
        Assert.Equal(2, limiter.RateLimitedCount);

        await Task.Delay(TimeSpan.FromMilliseconds(1_100));
        Assert.InRange(limiter.CurrentRequestsPerSecond, 13, 14);
    }

    [Fact]
    public async Task Waiting_for_the_limiter_can_be_cancelled()
    {
        var limiter = RateLimiterRegistry.For(Key, UniqueAccount(), RequestBudget.Reads, 1)!;
        for (var i = 0; i < 16; i++)
        {
            limiter.OnRateLimited();
        }

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

        // Ten go at once, the other five at ten a second: half a second at least, had each client its own limit
        // none would wait.
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(400), $"15 requests at 10/s over two clients took only {stopwatch.Elapsed}");
        Assert.Equal(15, stripe.Server.Requests.Count);
    }

    private static string UniqueAccount() => "acct_" + Guid.NewGuid().ToString("N").Substring(0, 16);
}
