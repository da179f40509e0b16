using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

public sealed class IdempotencyTests
{
    [Fact]
    public async Task Same_key_and_body_replays_the_first_response()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        using var first = await client.PostFormAsync(path, "amount=100&currency=usd", "key-1");
        using var replay = await client.PostFormAsync(path, "amount=100&currency=usd", "key-1");

        Assert.Equal(200, (int)replay.StatusCode);
        Assert.Equal("true", replay.Header("Idempotent-Replayed"));
        Assert.Equal(string.Empty, first.Header("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(1, server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task Same_key_with_other_parameters_is_an_idempotency_error()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        using var first = await client.PostFormAsync(path, "amount=100&currency=usd", "k");
        using var conflict = await client.PostFormAsync(path, "amount=200&currency=usd", "k");

        Assert.Equal(400, (int)conflict.StatusCode);
        var error = (await conflict.ReadJsonAsync()).Error();
        Assert.Equal("idempotency_error", error.Text("type"));
        Assert.Equal(
            "Keys for idempotent requests can only be used with the same parameters they were first used with. "
            + "Try using a key other than 'k' if you meant to execute a different request.",
            error.Text("message"));
        Assert.Equal(1, server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task Client_errors_are_replayed_but_injected_failures_are_not()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);

        using var badRequest = await client.PostFormAsync(path, "amount=100&currency=eur", "bad");
        using var badReplay = await client.PostFormAsync(path, "amount=100&currency=eur", "bad");
        server.Faults.Enqueue(Fault.Status(500));
        using var failed = await client.PostFormAsync(path, "amount=100&currency=usd", "retry-me");
        using var retried = await client.PostFormAsync(path, "amount=100&currency=usd", "retry-me");

        Assert.Equal(400, (int)badReplay.StatusCode);
        Assert.Equal("true", badReplay.Header("Idempotent-Replayed"));
        Assert.Equal(500, (int)failed.StatusCode);
        Assert.Equal(200, (int)retried.StatusCode);
        Assert.Equal(string.Empty, retried.Header("Idempotent-Replayed"));
        Assert.Equal(1, server.Store.CountTransactions(customer));
    }
}
