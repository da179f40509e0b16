using System.Diagnostics;
using System.Text.Json;
using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

/// <summary>
/// Connection-dropping faults use a fresh HttpClient so the fault hits a brand-new connection: on a reused
/// connection SocketsHttpHandler may transparently resend a request that got no response bytes at all.
/// </summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Status_faults_answer_with_stripe_errors_and_retry_headers_without_processing()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);
        server.Faults.Enqueue(Fault.Status(503, shouldRetry: true, retryAfterSeconds: 2));
        server.Faults.Enqueue(Fault.LockTimeout());
        server.Faults.Enqueue(Fault.RateLimit(shouldRetry: false));

        using var unavailable = await client.PostFormAsync(path, "amount=1&currency=usd");
        using var locked = await client.PostFormAsync(path, "amount=1&currency=usd");
        using var limited = await client.PostFormAsync(path, "amount=1&currency=usd");

        Assert.Equal(503, (int)unavailable.StatusCode);
        Assert.Equal("true", unavailable.Header("Stripe-Should-Retry"));
        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.Headers.RetryAfter?.Delta);
        Assert.Equal("api_error", (await unavailable.ReadJsonAsync()).Error().Text("type"));
        Assert.Matches("^req_", unavailable.Header("Request-Id"));
        Assert.Equal(409, (int)locked.StatusCode);
        Assert.Equal("lock_timeout", (await locked.ReadJsonAsync()).Error().Text("code"));
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("rate_limit", (await limited.ReadJsonAsync()).Error().Text("code"));
        Assert.Equal("false", limited.Header("Stripe-Should-Retry"));
        Assert.Equal(0, server.Store.CountTransactions(customer));
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(0, server.Faults.Pending);
    }

    [Fact]
    public async Task Faults_only_hit_requests_matching_their_filter()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);
        server.Faults.Enqueue(Fault.Status(500), method: "POST", pathContains: "/balance_transactions");

        using var get = await client.GetAsync(path);
        using var post = await client.PostFormAsync(path, "amount=1&currency=usd");

        Assert.Equal(200, (int)get.StatusCode);
        Assert.Equal(500, (int)post.StatusCode);
    }

    [Fact]
    public async Task Reset_before_commit_drops_the_connection_and_stores_nothing()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        server.Faults.Enqueue(Fault.ResetBeforeCommit());
        using var client = FakeStripeHttp.CreateClient(server);

        await Assert.ThrowsAsync<HttpRequestException>(
            () => client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), "amount=1&currency=usd", "once"));

        Assert.Equal(0, server.Store.CountTransactions(customer));
        Assert.Equal(1, server.Requests.Count);
    }

    [Fact]
    public async Task Reset_after_commit_stores_the_object_and_a_retry_replays_it()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        var path = FakeStripeHttp.TransactionsPath(customer);
        server.Faults.Enqueue(Fault.ResetAfterCommit());
        using var client = FakeStripeHttp.CreateClient(server);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostFormAsync(path, "amount=700&currency=usd", "key-1"));
        Assert.Equal(1, server.Store.CountTransactions(customer));

        using var retry = await client.PostFormAsync(path, "amount=700&currency=usd", "key-1");
        Assert.Equal(200, (int)retry.StatusCode);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(700, (await retry.ReadJsonAsync()).GetProperty("ending_balance").GetInt64());
        Assert.Equal(1, server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task Delay_after_commit_stores_the_write_before_the_client_has_an_answer_and_a_retry_replays_it()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        var path = FakeStripeHttp.TransactionsPath(customer);
        server.Faults.Enqueue(Fault.DelayAfterCommit(TimeSpan.FromSeconds(30)));
        using var impatient = FakeStripeHttp.CreateClient(server);
        impatient.Timeout = TimeSpan.FromMilliseconds(500);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient.PostFormAsync(path, "amount=700&currency=usd", "key-1"));
        Assert.Equal(1, server.Store.CountTransactions(customer));

        using var client = FakeStripeHttp.CreateClient(server);
        using var retry = await client.PostFormAsync(path, "amount=700&currency=usd", "key-1");
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal(1, server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task Delay_holds_one_request_then_processes_it()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        using var client = FakeStripeHttp.CreateClient(server);
        var path = FakeStripeHttp.TransactionsPath(customer);
        server.Faults.Enqueue(Fault.Delay(TimeSpan.FromMilliseconds(400)));

        var watch = Stopwatch.StartNew();
        var pending = client.PostFormAsync(path, "amount=1&currency=usd");
        await Eventually.WaitUntilAsync(() => server.Requests.InFlight == 1);
        using var response = await pending;
        watch.Stop();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"took {watch.Elapsed}");
        Assert.Equal(1, server.Store.CountTransactions(customer));
        await Eventually.WaitUntilAsync(() => server.Requests.InFlight == 0);
    }

    [Fact]
    public async Task Truncated_json_announces_the_full_length_and_drops_the_connection_mid_body()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer();
        server.Store.Seed(customer, 10);
        server.Faults.Enqueue(Fault.TruncatedJson());
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.GetAsync(FakeStripeHttp.TransactionsPath(customer), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(response.Content.Headers.ContentLength > 100);
        var failure = await Record.ExceptionAsync(() => response.Content.ReadAsByteArrayAsync());
        Assert.True(failure is HttpRequestException or IOException, $"unexpected {failure}");
    }

    [Fact]
    public async Task Malformed_json_commits_the_request_and_answers_200_with_invalid_json()
    {
        await using var server = await FakeStripeServer.StartAsync();
        var customer = server.Store.CreateCustomer("usd");
        server.Faults.Enqueue(Fault.MalformedJson());
        using var client = FakeStripeHttp.CreateClient(server);

        using var response = await client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), "amount=1&currency=usd");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.StartsWith("{\"id\": ", body);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        Assert.Equal(1, server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task Latency_applies_to_every_request_and_can_change_at_run_time()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { Latency = TimeSpan.FromMilliseconds(300) });
        var customer = server.Store.CreateCustomer();
        using var client = FakeStripeHttp.CreateClient(server);

        var slow = Stopwatch.StartNew();
        using (await client.GetAsync(FakeStripeHttp.TransactionsPath(customer)))
        {
            slow.Stop();
        }

        server.Latency = TimeSpan.Zero;
        var fast = Stopwatch.StartNew();
        using (await client.GetAsync(FakeStripeHttp.TransactionsPath(customer)))
        {
            fast.Stop();
        }

        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(250), $"slow took {slow.Elapsed}");
        Assert.True(fast.Elapsed < slow.Elapsed, $"fast took {fast.Elapsed}, slow {slow.Elapsed}");
    }
}
