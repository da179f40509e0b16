using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class RetryTests(FakeStripeProcess stripe)
{
    private const string RateLimit = "kind=status&status=429&type=invalid_request_error&code=rate_limit";

    [Fact]
    public async Task A_429_to_a_write_is_retried_with_its_key_unless_the_caller_opts_out()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        using var optedOut = new DesktopClient(stripe, o => o.RetryOnRateLimit = false);
        await stripe.InjectAsync(customer, RateLimit, method: "POST");

        var error = await Assert.ThrowsAsync<StripeException>(() => optedOut.Client.CreateAsync(customer, DesktopClient.Usd(100)));
        await stripe.InjectAsync(customer, RateLimit, method: "POST");
        var created = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(100));

        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(StripeErrorClass.RateLimited, error.ErrorClass);
        Assert.Equal("rate_limit", error.Code);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(new[] { 429, 429, 200 }, (await stripe.RequestsAsync(customer)).Select(r => r.Status));
        Assert.Equal(new[] { created.Id }, await stripe.TransactionIdsAsync(customer));
    }

    [Fact]
    public async Task A_read_answered_429_is_retried_without_opting_in_until_its_budget_is_spent()
    {
        var customer = await stripe.CreateCustomerAsync(3);
        using var desktop = new DesktopClient(stripe, o =>
        {
            o.MaxNetworkRetries = 0;
            o.MaxRateLimitRetries = 2;
        });
        await stripe.InjectAsync(customer, RateLimit, count: 2);

        var page = await desktop.Client.ListAsync(customer);
        await stripe.InjectAsync(customer, RateLimit, count: 3);
        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.ListAsync(customer));

        Assert.Equal(3, page.Data.Count);
        Assert.Equal(429, error.HttpStatus);
        Assert.Equal(StripeErrorClass.RateLimited, error.ErrorClass);
        Assert.Equal(3, error.Attempts);
        Assert.Equal(new[] { 429, 429, 200, 429, 429, 429 }, (await stripe.RequestsAsync(customer)).Select(r => r.Status));
    }

    [Fact]
    public async Task Server_errors_are_retried_up_to_the_limit_and_the_error_counts_the_attempts()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe, o => o.MaxNetworkRetries = 3);
        await stripe.InjectAsync(customer, "kind=status&status=503&message=Down%20for%20maintenance", count: 5);

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.ListAsync(customer));

        Assert.Equal(503, error.HttpStatus);
        Assert.Equal(StripeErrorClass.ServerError, error.ErrorClass);
        Assert.Equal(4, error.Attempts);
        Assert.Contains("after 4 attempts", error.Message);
        Assert.Contains("Down for maintenance", error.Message);
        Assert.Equal(4, (await stripe.RequestsAsync(customer)).Count);
    }

    [Fact]
    public async Task A_500_with_stripe_should_retry_false_is_not_retried()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=status&status=500&should_retry=false", method: "POST");

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.CreateAsync(customer, DesktopClient.Usd(1)));

        Assert.Equal(500, error.HttpStatus);
        Assert.Equal(1, error.Attempts);
        Assert.Single(await stripe.RequestsAsync(customer));
    }

    [Fact]
    public async Task A_connection_reset_before_the_answer_and_a_truncated_body_are_retried()
    {
        var customer = await stripe.CreateCustomerAsync(4);
        using var desktop = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=reset_before_commit", method: "GET");
        await stripe.InjectAsync(customer, "kind=truncated_json", method: "GET");

        var page = await desktop.Client.ListAsync(customer);

        Assert.Equal(4, page.Data.Count);
        Assert.Equal(3, (await stripe.RequestsAsync(customer)).Count);

        // Connections are pooled for the whole process, and .NET Framework itself sends a GET again, once and
        // unseen, when a reused connection is reset; the client's own retries handle whatever it does not.
        var events = desktop.Events;
        Assert.InRange(events.Count, 2, 3);
        Assert.All(events.Take(events.Count - 1), e => Assert.NotNull(e.NetworkError));
        Assert.Equal(200, events[events.Count - 1].StatusCode);
    }

    [Fact]
    public async Task A_slow_create_times_out_is_retried_with_its_key_and_happens_once()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe, o => o.Timeout = TimeSpan.FromMilliseconds(300));
        await stripe.InjectAsync(customer, "kind=delay&delay_ms=2000", method: "POST");

        var created = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(250));

        Assert.Equal(250, created.Amount);
        Assert.Equal("timed out", desktop.Events[0].NetworkError);
        Assert.Single(desktop.Events.Select(e => e.IdempotencyKey).Distinct());
        await WaitUntilCompleted(customer);
        Assert.Equal(new[] { created.Id }, await stripe.TransactionIdsAsync(customer));
    }

    [Fact]
    public async Task A_timeout_on_every_attempt_is_a_timeout_failure()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe, o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(200);
            o.MaxNetworkRetries = 1;
        });
        await stripe.InjectAsync(customer, "kind=delay&delay_ms=1500", count: 2, method: "GET");

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.ListAsync(customer));

        Assert.Equal(StripeFailureKind.Timeout, error.Kind);
        Assert.Equal(StripeErrorClass.Timeout, error.ErrorClass);
        Assert.Null(error.HttpStatus);
        Assert.Equal(2, error.Attempts);
        Assert.All(desktop.Events, e => Assert.Equal("timed out", e.NetworkError));
    }

    // The timed-out attempt is still being handled by the server (it commits, or replays, when its delay ends).
    private async Task WaitUntilCompleted(string customer)
    {
        for (var i = 0; i < 100 && !(await stripe.RequestsAsync(customer)).All(r => r.Completed); i++)
        {
            await Task.Delay(50);
        }
    }
}
