using System.Net;
using System.Net.Sockets;
using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

public sealed class ErrorTests
{
    [Fact]
    public async Task A_missing_transaction_is_an_api_error_with_stripes_details_and_request_id()
    {
        await using var stripe = await StripeFixture.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.RetrieveAsync(stripe.Customer, "cbtxn_missing"));

        Assert.Equal(StripeFailureKind.ApiError, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("resource_missing", error.Code);
        Assert.NotNull(error.Param);
        Assert.Contains("cbtxn_missing", error.StripeMessage);
        Assert.Equal("https://stripe.com/docs/error-codes/resource-missing", error.DocUrl);
        Assert.Matches("^req_[A-Za-z0-9]+$", error.RequestId);
        Assert.Equal("GET", error.Method);
        Assert.False(error.MayHaveSucceeded);
        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains(error.RequestId!, error.Message);
        Assert.Equal(1, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task A_currency_that_differs_from_the_customers_is_refused_by_stripe_with_the_param()
    {
        await using var stripe = await StripeFixture.StartAsync();

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.CreateAsync(stripe.Customer, new CreateOptions { Amount = 100, Currency = "eur" }));

        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("currency", error.Param);
        Assert.Equal(0, stripe.Server.Store.CountTransactions(stripe.Customer));
    }

    [Fact]
    public async Task Reusing_an_idempotency_key_for_different_parameters_is_an_idempotency_error()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var call = new RequestOptions { IdempotencyKey = "row-1" };
        await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100), call);

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(200), call));

        Assert.Equal("idempotency_error", error.ErrorType);
        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));
    }

    [Fact]
    public async Task Replaying_a_create_with_the_same_key_returns_the_first_result()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var call = new RequestOptions { IdempotencyKey = "row-2" };

        var first = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100), call);
        var second = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100), call);

        Assert.Equal(first.Id, second.Id);
        Assert.True(stripe.Events[1].IdempotentReplayed);
        Assert.Equal(1, stripe.Server.Store.CountTransactions(stripe.Customer));
    }

    [Fact]
    public async Task No_server_listening_is_a_network_failure_after_the_retries()
    {
        var port = FreePort();
        using var client = new CustomerBalanceTransactionClient(new StripeClientOptions
        {
            ApiKey = new StripeApiKey("sk_test_unreachable_1234567890"),
            BaseUri = new Uri($"http://127.0.0.1:{port}/"),
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = TimeSpan.FromMilliseconds(5),
        });

        var error = await Assert.ThrowsAsync<StripeException>(() => client.ListAsync("cus_1"));

        Assert.Equal(StripeFailureKind.Network, error.Kind);
        Assert.Null(error.HttpStatus);
        Assert.Equal(3, error.Attempts);
        Assert.StartsWith("The connection to Stripe failed for GET /v1/customers/cus_1/balance_transactions after 3 attempts", error.Message);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_by_stripe_showing_only_its_last_four_characters()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 0);

        var error = await Assert.ThrowsAsync<StripeException>(() => stripe.Client.ListAsync(stripe.Customer, requestOptions: new RequestOptions { ApiKey = new StripeApiKey("sk_test_wrong_key_abcdefgh9999") }));

        Assert.Equal(401, error.HttpStatus);
        Assert.Contains("sk_test_****9999", error.StripeMessage);
    }

    [Fact]
    public async Task The_key_never_appears_in_any_exception_message_or_request_event()
    {
        const string wrongKey = "sk_test_wrong_key_abcdefghijklmn5678";
        await using var stripe = await StripeFixture.StartAsync(o => o.LogRequestBodies = true);
        var keys = new[] { stripe.Server.ApiKey, wrongKey };
        var failures = new List<Exception>();
        async Task Capture(Func<Task> action)
        {
            try
            {
                await action();
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        }

        await Capture(() => stripe.Client.ListAsync(stripe.Customer, requestOptions: new RequestOptions { ApiKey = new StripeApiKey(wrongKey) }));
        await Capture(() => stripe.Client.RetrieveAsync(stripe.Customer, "cbtxn_nope"));
        // On a reused connection .NET itself may resend a request that was reset, so one attempt can take two faults.
        stripe.Server.Faults.Enqueue(Fault.ResetBeforeCommit());
        stripe.Server.Faults.Enqueue(Fault.ResetBeforeCommit());
        await Capture(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(1), new RequestOptions { MaxNetworkRetries = 0 }));
        stripe.Server.Faults.Clear();
        stripe.Server.Faults.Enqueue(Fault.MalformedJson());
        await Capture(() => stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(1)));
        await Capture(() => stripe.Client.CreateAsync(stripe.Customer, new CreateOptions { Amount = 1, Currency = "dollars" }));
        var pasted = stripe.Usd(1);
        pasted.Metadata["oops"] = stripe.Server.ApiKey;
        await stripe.Client.CreateAsync(stripe.Customer, pasted);
        using (var unreachable = new CustomerBalanceTransactionClient(new StripeClientOptions { ApiKey = new StripeApiKey(wrongKey), BaseUri = new Uri("http://127.0.0.1:" + FreePort()), MaxNetworkRetries = 0 }))
        {
            await Capture(() => unreachable.ListAsync("cus_x"));
        }

        Assert.Equal(6, failures.Count);
        var texts = failures.Select(f => f.ToString())
            .Concat(failures.OfType<StripeException>().Select(f => f.StripeMessage ?? string.Empty))
            .Concat(stripe.Events.Select(e => e.ToString()))
            .Append(new StripeApiKey(wrongKey).ToString())
            .ToList();
        foreach (var key in keys)
        {
            Assert.DoesNotContain(texts, text => text.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(texts, text => text.Contains(key.Substring(0, 20), StringComparison.Ordinal));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
