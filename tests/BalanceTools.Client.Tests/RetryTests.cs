using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

public sealed class RetryTests
{
    public static TheoryData<string> RetriedFaults => new() { "500", "503", "409 lock_timeout", "reset before commit", "reset after commit", "truncated json", "should-retry on 400" };

    [Theory]
    [MemberData(nameof(RetriedFaults))]
    public async Task A_create_that_meets_a_retryable_fault_ends_in_exactly_one_transaction_with_one_idempotency_key(string fault)
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Inject(fault));

        var created = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(-1_500));

        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));
        Assert.Equal(-1_500, stripe.Server.Store.Balance(stripe.Customer));
        Assert.Equal(-1_500, created.EndingBalance);
        Assert.Equal(2, stripe.Server.Requests.Count);
        var keys = stripe.Requests.Select(r => r.Headers["idempotency-key"]).Distinct();
        Assert.Single(keys);
        Assert.Equal(new[] { 1, 2 }, stripe.Events.Select(e => e.Attempt));
        Assert.NotNull(stripe.Events[0].RetryAfter);
        Assert.Null(stripe.Events[1].RetryAfter);
    }

    [Fact]
    public async Task A_malformed_success_body_is_not_retried_and_says_the_create_may_have_happened()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.MalformedJson());

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(700)));

        Assert.Equal(StripeFailureKind.InvalidResponse, error.Kind);
        Assert.True(error.MayHaveSucceeded);
        Assert.Equal(1, stripe.Server.Requests.Count);
        Assert.Contains(error.IdempotencyKey!, error.Message);
        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));

        var replayed = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(700), new RequestOptions { IdempotencyKey = error.IdempotencyKey });
        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));
        Assert.Equal(700, replayed.EndingBalance);
    }

    [Fact]
    public async Task Stripe_should_retry_false_is_never_retried_even_on_a_5xx()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.Status(500, shouldRetry: false));

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(1)));

        Assert.Equal(500, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(1, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task A_429_to_a_write_is_retried_by_default_with_the_same_idempotency_key_and_applied_once()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 0);
        stripe.Server.Faults.Enqueue(Fault.RateLimit());
        stripe.Server.Faults.Enqueue(Fault.RateLimit());

        var created = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100));

        Assert.Equal(new[] { 429, 429, 200 }, stripe.Requests.Select(r => r.Status));
        Assert.Single(stripe.Requests.Select(r => r.Headers["idempotency-key"]).Distinct());
        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));
        Assert.NotNull(stripe.Server.Store.FindTransaction(stripe.Customer, created.Id));
    }

    [Fact]
    public async Task A_429_to_a_write_is_reported_at_once_when_the_caller_asks_for_no_retry()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.RetryOnRateLimit = false);
        stripe.Server.Faults.Enqueue(Fault.RateLimit());

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100)));

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal("rate_limit", error.Code);
        Assert.Equal(1, stripe.Server.Requests.Count);
        Assert.Equal(0, stripe.Server.Store.CountTransactions(stripe.Customer));
    }

    [Fact]
    public async Task A_read_answered_429_is_retried_after_back_off_without_opting_in()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 0);
        stripe.Server.Store.Seed(stripe.Customer, 3);
        stripe.Server.Faults.Enqueue(Fault.RateLimit());
        stripe.Server.Faults.Enqueue(Fault.RateLimit());

        var page = await stripe.Client.ListAsync(stripe.Customer);

        Assert.Equal(3, page.Data.Count);
        Assert.Equal(3, stripe.Server.Requests.Count);
        Assert.NotNull(stripe.Events[0].RetryAfter);
    }

    [Fact]
    public async Task A_rate_limit_that_persists_past_its_retry_budget_is_reported()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxRateLimitRetries = 2);
        for (var i = 0; i < 3; i++)
        {
            stripe.Server.Faults.Enqueue(Fault.RateLimit());
        }

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(StripeErrorClass.RateLimited, error.ErrorClass);
    }

    [Fact]
    public async Task A_429_with_should_retry_false_is_not_retried_even_for_a_read()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.RateLimit(shouldRetry: false));

        await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Equal(1, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task A_429_waits_for_retry_after()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.RateLimit(retryAfterSeconds: 1));

        var started = DateTimeOffset.UtcNow;
        await stripe.Client.ListAsync(stripe.Customer);

        Assert.Equal(2, stripe.Server.Requests.Count);
        Assert.Equal(TimeSpan.FromSeconds(1), stripe.Events[0].RetryAfter);
        var gap = stripe.Requests[1].ReceivedAt - stripe.Requests[0].ReceivedAt;
        Assert.True(gap >= TimeSpan.FromMilliseconds(950), $"retried after {gap.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Retry_after_is_capped()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxRetryAfter = TimeSpan.FromMilliseconds(50));
        stripe.Server.Faults.Enqueue(Fault.RateLimit(shouldRetry: true, retryAfterSeconds: 3600));

        await stripe.Client.ListAsync(stripe.Customer);

        Assert.Equal(TimeSpan.FromMilliseconds(50), stripe.Events[0].RetryAfter);
    }

    [Fact]
    public async Task A_429_with_should_retry_true_is_retried_without_opting_in()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.RateLimit(shouldRetry: true));

        await stripe.Client.ListAsync(stripe.Customer);

        Assert.Equal(2, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task Retries_stop_after_the_configured_number_and_the_error_counts_the_attempts()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 3);
        for (var i = 0; i < 5; i++)
        {
            stripe.Server.Faults.Enqueue(Fault.Status(503, message: "Down for maintenance"));
        }

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Equal(4, error.Attempts);
        Assert.Equal(4, stripe.Server.Requests.Count);
        Assert.Contains("after 4 attempts", error.Message);
        Assert.Contains("Down for maintenance", error.Message);
    }

    [Fact]
    public async Task Per_call_retries_override_the_clients()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Faults.Enqueue(Fault.Status(500));

        await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer, requestOptions: new RequestOptions { MaxNetworkRetries = 0 }));

        Assert.Equal(1, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task A_slow_response_times_out_and_is_retried()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.Timeout = TimeSpan.FromMilliseconds(300));
        stripe.Server.Faults.Enqueue(Fault.Delay(TimeSpan.FromSeconds(2)));

        var created = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(250));

        Assert.Equal(250, created.Amount);
        Assert.Equal("timed out", stripe.Events[0].NetworkError);
        await WaitUntil(() => stripe.Server.Requests.InFlight == 0);
        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));
    }

    [Fact]
    public async Task A_timeout_on_every_attempt_is_a_timeout_failure()
    {
        await using var stripe = await StripeFixture.StartAsync(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(200);
            o.MaxNetworkRetries = 1;
        });
        stripe.Server.Latency = TimeSpan.FromSeconds(2);

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Equal(StripeFailureKind.Timeout, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Equal(2, error.Attempts);
    }

    [Fact]
    public void Back_off_doubles_from_the_initial_delay_up_to_the_maximum_with_jitter_between_half_and_all()
    {
        var policy = new RetryPolicy(new StripeClientOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(500), MaxRetryDelay = TimeSpan.FromSeconds(5) });

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var ceiling = Math.Min(500 * Math.Pow(2, attempt - 1), 5_000);
            var samples = Enumerable.Range(0, 200).Select(_ => policy.Delay(attempt, null).TotalMilliseconds).ToList();
            Assert.All(samples, delay => Assert.InRange(delay, ceiling / 2, ceiling));
            Assert.True(samples.Distinct().Count() > 100, "back-off is not jittered");
        }
    }

    [Theory]
    [InlineData("2", 2_000, 2_000)]
    [InlineData("0.1", 250, 500)]
    [InlineData("86400", 60_000, 60_000)]
    [InlineData("soon", 250, 500)]
    public void Retry_after_lengthens_the_delay_up_to_the_cap(string header, double atLeastMilliseconds, double atMostMilliseconds)
    {
        var policy = new RetryPolicy(new StripeClientOptions { InitialRetryDelay = TimeSpan.FromMilliseconds(500), MaxRetryDelay = TimeSpan.FromMilliseconds(500) });

        Assert.InRange(policy.Delay(1, header).TotalMilliseconds, atLeastMilliseconds, atMostMilliseconds);
    }

    private static Fault Inject(string fault) => fault switch
    {
        "500" => Fault.Status(500),
        "503" => Fault.Status(503),
        "409 lock_timeout" => Fault.LockTimeout(),
        "reset before commit" => Fault.ResetBeforeCommit(),
        "reset after commit" => Fault.ResetAfterCommit(),
        "truncated json" => Fault.TruncatedJson(),
        "should-retry on 400" => Fault.Status(400, "invalid_request_error", shouldRetry: true),
        _ => throw new ArgumentOutOfRangeException(nameof(fault)),
    };

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
