using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class IdempotencyTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task A_create_answered_500_then_200_is_sent_twice_with_one_key_and_creates_one_transaction()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=status&status=500", method: "POST");

        var created = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(-1_500));

        var requests = await stripe.RequestsAsync(customer);
        Assert.Equal(new[] { 500, 200 }, requests.Select(r => r.Status));
        Assert.Equal(requests[0].Body, requests[1].Body);
        var events = desktop.Events;
        Assert.Equal(new[] { 1, 2 }, events.Select(e => e.Attempt));
        Assert.Equal(500, events[0].StatusCode);
        Assert.NotNull(events[0].RetryAfter);
        var key = Assert.Single(events.Select(e => e.IdempotencyKey).Distinct());
        Assert.True(Guid.TryParse(key, out _));
        Assert.Equal(-1_500, created.EndingBalance);
        Assert.Single(await stripe.TransactionIdsAsync(customer));

        // The server kept the 200 under that key: the attempt that succeeded carried it.
        var replayed = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(-1_500), new RequestOptions { IdempotencyKey = key });
        Assert.Equal(created.Id, replayed.Id);
        Assert.True(desktop.Events.Last().IdempotentReplayed);
    }

    [Fact]
    public async Task A_create_whose_connection_drops_after_the_server_committed_it_is_replayed_not_repeated()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=reset_after_commit", method: "POST");

        var created = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(700));

        var events = desktop.Events;
        Assert.Equal(2, events.Count);
        Assert.Null(events[0].StatusCode);
        Assert.NotNull(events[0].NetworkError);
        Assert.True(events[1].IdempotentReplayed);
        Assert.Single(events.Select(e => e.IdempotencyKey).Distinct());
        Assert.Equal(700, created.EndingBalance);
        Assert.Equal(new[] { created.Id }, await stripe.TransactionIdsAsync(customer));
    }

    [Fact]
    public async Task Each_create_gets_a_key_of_its_own_once_the_previous_one_has_completed()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);

        var first = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(100));
        var second = await desktop.Client.CreateAsync(customer, DesktopClient.Usd(100));

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(200, second.EndingBalance);
        var keys = desktop.Events.Select(e => e.IdempotencyKey).ToList();
        Assert.Equal(2, keys.Distinct().Count());
        Assert.Equal(2, (await stripe.TransactionIdsAsync(customer)).Count);
    }

    [Fact]
    public async Task The_same_key_goes_on_the_wire_on_every_attempt()
    {
        using var server = new ScriptedServer(
            new ScriptedResponse(200, StripeJson.Transaction("cbtxn_wire", 100)),
            new ScriptedResponse(500, StripeJson.Error("api_error", "Try again")));
        using var desktop = new DesktopClient(server.BaseUri, "sk_test_scripted_0123456789abcdef");

        await desktop.Client.CreateAsync("cus_wire", DesktopClient.Usd(100));
        await desktop.Client.CreateAsync("cus_wire", DesktopClient.Usd(100));

        var keys = server.Requests.Select(r => r.Headers["idempotency-key"]).ToList();
        Assert.Equal(3, keys.Count);
        Assert.Equal(keys[0], keys[1]);
        Assert.NotEqual(keys[1], keys[2]);
        Assert.All(keys, key => Assert.True(Guid.TryParse(key, out _), key));
    }
}
