using System.Diagnostics;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class CancellationTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task Cancelling_a_request_in_flight_ends_it_at_once_as_cancelled_not_as_a_timeout()
    {
        var customer = await stripe.CreateCustomerAsync(1);
        using var desktop = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=delay&delay_ms=3000", method: "GET");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => desktop.Client.ListAsync(customer, cancellationToken: cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"cancelled after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.DoesNotContain(desktop.Events, e => e.NetworkError == "timed out");
    }

    [Fact]
    public async Task Cancelling_during_the_back_off_stops_the_retries()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe, o => o.MaxRetryAfter = TimeSpan.FromSeconds(10));
        await stripe.InjectAsync(customer, "kind=status&status=503&should_retry=true&retry_after=5", method: "POST");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => desktop.Client.CreateAsync(customer, DesktopClient.Usd(1), cancellationToken: cancellation.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"cancelled after {watch.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(desktop.Events).RetryAfter);
        Assert.Single(await stripe.RequestsAsync(customer));
        Assert.Empty(await stripe.TransactionIdsAsync(customer));
    }

    [Fact]
    public async Task A_token_cancelled_before_the_call_sends_nothing()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => desktop.Client.CreateAsync(customer, DesktopClient.Usd(1), cancellationToken: cancellation.Token));

        Assert.Empty(await stripe.RequestsAsync(customer));
    }
}
