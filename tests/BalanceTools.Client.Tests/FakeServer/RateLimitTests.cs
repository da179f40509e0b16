using BalanceTools.FakeStripe;
using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

/// <summary>
/// Rates below 1/s give a bucket of one token that takes seconds to refill, so "the next request is refused" holds
/// however slowly the machine runs; tests that need a bigger bucket bound their assertions by the time that passed.
/// </summary>
public sealed class RateLimitTests
{
    private const double Trickle = 0.1;
    private const string OtherKey = "sk_test_fake_other_0123456789abcdefghij";

    [Fact]
    public async Task A_burst_beyond_the_endpoint_bucket_gets_stripes_429()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { PerEndpointPerSecond = 5 },
        });
        var customer = server.Store.SeedCustomers([3]).Single();
        using var client = FakeStripeHttp.CreateClient(server);

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => client.GetAsync(FakeStripeHttp.TransactionsPath(customer))));

        var admitted = responses.Count(r => (int)r.StatusCode == 200);
        var refused = responses.Where(r => (int)r.StatusCode == 429).ToArray();
        Assert.Equal(responses.Length, admitted + refused.Length);
        var journal = server.Requests.Snapshot();
        var arrivals = journal.Max(r => r.ReceivedAt) - journal.Min(r => r.ReceivedAt);
        // Five tokens to start with and five a second after; the admission times trail the arrivals a little.
        Assert.InRange(admitted, 5, 7 + (int)Math.Ceiling(arrivals.TotalSeconds * 5));
        Assert.NotEmpty(refused);
        Assert.Equal(refused.Length, server.Requests.CountStatus(429));
        Assert.Equal(admitted, server.Requests.CountStatus(200));

        var limited = refused[0];
        var requestId = limited.Header("Request-Id");
        Assert.Matches("^req_", requestId);
        Assert.Equal("application/json", limited.Content.Headers.ContentType?.MediaType);
        Assert.Null(limited.Headers.RetryAfter);
        var error = (await limited.ReadJsonAsync()).Error();
        Assert.Equal("invalid_request_error", error.Text("type"));
        Assert.Equal("rate_limit", error.Text("code"));
        Assert.Equal(
            "Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.",
            error.Text("message"));
        Assert.Equal("https://stripe.com/docs/error-codes/rate-limit", error.Text("doc_url"));
        Assert.EndsWith(requestId, error.Text("request_log_url"));
        Assert.Null(error.Text("param"));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Buckets_that_start_empty_admit_only_what_they_refill_from_the_first_request_on()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { GlobalPerSecond = 1_000, PerEndpointPerSecond = 20, BucketsStartEmpty = true },
        });
        using var client = FakeStripeHttp.CreateClient(server);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetAsync(FakeStripeHttp.CustomersPath)));
        var elapsed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromMilliseconds(120));
        using var refilled = await client.GetAsync(FakeStripeHttp.CustomersPath);

        // An empty bucket at 20/s has one token after 50 ms: ten requests sent at once get at most what the time they
        // took refilled, where full buckets would have admitted all ten.
        var admitted = responses.Count(r => (int)r.StatusCode == 200);
        Assert.InRange(admitted, 0, (int)Math.Floor(elapsed.TotalSeconds * 20));
        Assert.True(admitted < 10, "every request was admitted, as by a full bucket");
        Assert.Equal(200, (int)refilled.StatusCode);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Retry_after_is_sent_only_when_configured_and_new_limits_start_with_full_buckets()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { PerEndpointPerSecond = Trickle, SendRetryAfter = true },
        });
        using var client = FakeStripeHttp.CreateClient(server);

        using (var first = await client.GetAsync(FakeStripeHttp.CustomersPath))
        using (var second = await client.GetAsync(FakeStripeHttp.CustomersPath))
        {
            Assert.Equal(200, (int)first.StatusCode);
            Assert.Null(first.Headers.RetryAfter);
            Assert.Equal(429, (int)second.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(1), second.Headers.RetryAfter?.Delta);
        }

        server.RateLimits = new FakeRateLimits { PerEndpointPerSecond = Trickle };
        using (var first = await client.GetAsync(FakeStripeHttp.CustomersPath))
        using (var second = await client.GetAsync(FakeStripeHttp.CustomersPath))
        {
            Assert.Equal(200, (int)first.StatusCode);
            Assert.Equal(429, (int)second.StatusCode);
            Assert.Null(second.Headers.RetryAfter);
            Assert.False(second.Headers.Contains("Retry-After"));
        }

        server.RateLimits = null;
        using var unlimited = await client.GetAsync(FakeStripeHttp.CustomersPath);
        Assert.Equal(200, (int)unlimited.StatusCode);
    }

    [Fact]
    public async Task Keys_and_connected_accounts_do_not_share_buckets()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            AdditionalApiKeys = [OtherKey],
            RateLimits = new FakeRateLimits { GlobalPerSecond = Trickle, PerEndpointPerSecond = Trickle },
        });
        using var main = FakeStripeHttp.CreateClient(server);
        using var other = FakeStripeHttp.CreateClient(server, OtherKey);

        Assert.Equal(200, await StatusAsync(main, FakeStripeHttp.CustomersPath));
        Assert.Equal(429, await StatusAsync(main, FakeStripeHttp.CustomersPath));
        Assert.Equal(200, await StatusAsync(other, FakeStripeHttp.CustomersPath));
        Assert.Equal(200, await StatusAsync(main, FakeStripeHttp.CustomersPath, account: "acct_1"));
        Assert.Equal(200, await StatusAsync(main, FakeStripeHttp.CustomersPath, account: "acct_2"));
        Assert.Equal(429, await StatusAsync(main, FakeStripeHttp.CustomersPath, account: "acct_1"));
        Assert.Equal(429, await StatusAsync(other, FakeStripeHttp.CustomersPath));
        Assert.Equal(429, await StatusAsync(main, FakeStripeHttp.CustomersPath));
    }

    [Fact]
    public async Task Each_method_and_route_template_is_one_endpoint_with_its_own_bucket()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { PerEndpointPerSecond = Trickle },
        });
        var customers = server.Store.SeedCustomers([1, 1]);
        var transaction = server.Store.Seed(customers[1], 1)[0];
        using var client = FakeStripeHttp.CreateClient(server);

        // All customers' transaction lists are one endpoint: the second customer's list finds the bucket empty.
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.TransactionsPath(customers[0])));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.TransactionsPath(customers[1])));

        // The customers list, a POST to the same path and retrieving one transaction are three more endpoints.
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        using (var post = await client.PostFormAsync(FakeStripeHttp.TransactionsPath(customers[1]), "amount=100&currency=usd"))
        {
            Assert.Equal(200, (int)post.StatusCode);
        }

        Assert.Equal(200, await StatusAsync(client, $"{FakeStripeHttp.TransactionsPath(customers[1])}/{transaction}"));
        Assert.Equal(429, await StatusAsync(client, $"{FakeStripeHttp.TransactionsPath(customers[0])}/{transaction}"));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.CustomersPath));
    }

    [Fact]
    public async Task The_global_bucket_is_shared_by_all_endpoints_and_a_refusal_takes_no_token()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { GlobalPerSecond = Trickle, PerEndpointPerSecond = double.PositiveInfinity },
        });
        var customer = server.Store.SeedCustomers([1]).Single();
        using var client = FakeStripeHttp.CreateClient(server);

        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        using var post = await client.PostFormAsync(FakeStripeHttp.TransactionsPath(customer), "amount=100&currency=usd");
        Assert.Equal(429, (int)post.StatusCode);
        Assert.Equal("rate_limit", (await post.ReadJsonAsync()).Error().Text("code"));
        Assert.Equal(1, server.Store.CountTransactions(customer));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.TransactionsPath(customer)));

        // At 20/s, 75 ms refill one and a half tokens: enough from the empty bucket the admitted request left, not
        // enough had the two refusals each taken a token too.
        server.RateLimits!.GlobalPerSecond = 20;
        await Task.Delay(TimeSpan.FromMilliseconds(75));
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.TransactionsPath(customer)));
        Assert.Equal(new[] { 200, 429, 429, 200 }, server.Requests.Snapshot().Select(r => r.Status));
    }

    [Fact]
    public async Task Buckets_refill_continuously()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { PerEndpointPerSecond = 5 },
        });
        using var client = FakeStripeHttp.CreateClient(server);
        for (var attempt = 0; await StatusAsync(client, FakeStripeHttp.CustomersPath) != 429; attempt++)
        {
            Assert.True(attempt < 100, "the bucket never ran dry");
        }

        // 500 ms refill two and a half tokens at 5/s.
        await Task.Delay(TimeSpan.FromMilliseconds(500));

        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
    }

    [Fact]
    public async Task The_concurrency_limit_refuses_requests_beyond_those_in_flight_latency_included()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            AdditionalApiKeys = [OtherKey],
            RateLimits = new FakeRateLimits
            {
                GlobalPerSecond = double.PositiveInfinity,
                PerEndpointPerSecond = double.PositiveInfinity,
                MaxConcurrentRequests = 2,
            },
        });
        using var client = FakeStripeHttp.CreateClient(server);
        using var other = FakeStripeHttp.CreateClient(server, OtherKey);
        using var hold = new CancellationTokenSource();

        // A request's latency is fixed when it arrives: these two sit in theirs until cancelled.
        server.Latency = TimeSpan.FromMinutes(1);
        var held = new[]
        {
            client.GetAsync(FakeStripeHttp.CustomersPath, hold.Token),
            client.GetAsync(FakeStripeHttp.CustomersPath, hold.Token),
        };
        await Eventually.WaitUntilAsync(() => server.Requests.Count == 2);
        server.Latency = TimeSpan.Zero;

        using (var refused = await client.GetAsync(FakeStripeHttp.CustomersPath))
        {
            Assert.Equal(429, (int)refused.StatusCode);
            var error = (await refused.ReadJsonAsync()).Error();
            Assert.Equal("rate_limit", error.Text("code"));
            Assert.Equal("invalid_request_error", error.Text("type"));
            Assert.StartsWith("Too many concurrent requests.", error.Text("message"));
        }

        Assert.Equal(200, await StatusAsync(other, FakeStripeHttp.CustomersPath));

        // A request whose client went away frees its slot.
        hold.Cancel();
        foreach (var request in held)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        }

        await Eventually.WaitUntilAsync(() => server.Requests.InFlight == 0);
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));

        // Slots are free before a response is sent, so a client that waits for its responses is never refused.
        for (var i = 0; i < 20; i++)
        {
            var pair = await Task.WhenAll(client.GetAsync(FakeStripeHttp.CustomersPath), client.GetAsync(FakeStripeHttp.CustomersPath));
            Assert.All(pair, response => Assert.Equal(200, (int)response.StatusCode));
            Array.ForEach(pair, response => response.Dispose());
        }

        Assert.Equal(1, server.Requests.CountStatus(429));
        Assert.Equal(2, server.Requests.CountStatus(0));
    }

    [Fact]
    public async Task Requests_without_an_accepted_key_are_answered_401_not_limited()
    {
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            RateLimits = new FakeRateLimits { GlobalPerSecond = Trickle, PerEndpointPerSecond = Trickle },
        });
        using var stranger = FakeStripeHttp.CreateClient(server, "sk_test_fake_unknown_0123456789abcdefgh");
        using var client = FakeStripeHttp.CreateClient(server);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(401, await StatusAsync(stranger, FakeStripeHttp.CustomersPath));
        }

        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
    }

    [Fact]
    public async Task Changing_the_limits_in_use_takes_effect_at_once()
    {
        var limits = new FakeRateLimits { PerEndpointPerSecond = Trickle };
        await using var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions { RateLimits = limits });
        using var client = FakeStripeHttp.CreateClient(server);
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        Assert.Equal(429, await StatusAsync(client, FakeStripeHttp.CustomersPath));

        limits.PerEndpointPerSecond = double.PositiveInfinity;

        Assert.Same(limits, server.RateLimits);
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
        Assert.Equal(200, await StatusAsync(client, FakeStripeHttp.CustomersPath));
    }

    [Fact]
    public void Limits_have_stripes_defaults_and_refuse_nonsense()
    {
        var limits = new FakeRateLimits();

        Assert.Equal(100, limits.GlobalPerSecond);
        Assert.Equal(25, limits.PerEndpointPerSecond);
        Assert.Equal(0, limits.MaxConcurrentRequests);
        Assert.False(limits.SendRetryAfter);
        Assert.Null(new FakeStripeServerOptions().RateLimits);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.GlobalPerSecond = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.PerEndpointPerSecond = double.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => limits.MaxConcurrentRequests = -1);
    }

    private static async Task<int> StatusAsync(HttpClient client, string path, string? account = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (account is not null)
        {
            request.Headers.Add("Stripe-Account", account);
        }

        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }
}
