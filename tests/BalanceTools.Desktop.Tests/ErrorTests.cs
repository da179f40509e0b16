using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class ErrorTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task A_400_carries_stripes_param_and_creates_nothing()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.CreateAsync(customer, new CreateOptions { Amount = 100, Currency = "eur" }));

        Assert.Equal(400, error.HttpStatus);
        Assert.Equal(StripeErrorClass.InvalidRequest, error.ErrorClass);
        Assert.Equal("currency", error.Param);
        Assert.Equal(1, error.Attempts);
        Assert.Empty(await stripe.TransactionIdsAsync(customer));
    }

    [Fact]
    public async Task A_401_for_a_wrong_key_shows_only_its_last_four_characters()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.ListAsync(customer, requestOptions: new RequestOptions { ApiKey = new StripeApiKey("sk_test_wrong_key_abcdefgh9999") }));

        Assert.Equal(401, error.HttpStatus);
        Assert.Equal(StripeErrorClass.Authentication, error.ErrorClass);
        Assert.Contains("sk_test_****9999", error.StripeMessage);
    }

    [Fact]
    public async Task A_404_is_an_api_error_with_stripes_details_and_request_id()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.RetrieveAsync(customer, "cbtxn_missing"));

        Assert.Equal(StripeFailureKind.ApiError, error.Kind);
        Assert.Equal(404, error.HttpStatus);
        Assert.Equal(StripeErrorClass.NotFound, error.ErrorClass);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("resource_missing", error.Code);
        Assert.Contains("cbtxn_missing", error.StripeMessage);
        Assert.Equal("https://stripe.com/docs/error-codes/resource-missing", error.DocUrl);
        Assert.Matches("^req_[A-Za-z0-9]+$", error.RequestId);
        Assert.Equal("GET", error.Method);
        Assert.False(error.MayHaveSucceeded);
        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains(error.RequestId!, error.Message);
    }

    [Fact]
    public async Task A_409_lock_timeout_is_a_conflict_that_is_retried()
    {
        var customer = await stripe.CreateCustomerAsync(2);
        using var once = new DesktopClient(stripe, o => o.MaxNetworkRetries = 0);
        using var retrying = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=status&status=409&type=invalid_request_error&code=lock_timeout", count: 2);

        var error = await Assert.ThrowsAsync<StripeException>(() => once.Client.ListAsync(customer));
        var page = await retrying.Client.ListAsync(customer);

        Assert.Equal(StripeErrorClass.Conflict, error.ErrorClass);
        Assert.Equal("lock_timeout", error.Code);
        Assert.Equal(2, page.Data.Count);
        Assert.Equal(new[] { 409, 409, 200 }, (await stripe.RequestsAsync(customer)).Select(r => r.Status));
    }

    [Fact]
    public async Task A_refused_connection_is_a_network_failure_after_the_retries()
    {
        using var desktop = new DesktopClient(ClosedPort.Address(), "sk_test_unreachable_1234567890");

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.ListAsync("cus_1"));

        Assert.Equal(StripeFailureKind.Network, error.Kind);
        Assert.Equal(StripeErrorClass.Connection, error.ErrorClass);
        Assert.Null(error.HttpStatus);
        Assert.Equal(3, error.Attempts);
        Assert.StartsWith("The connection to Stripe failed for GET /v1/customers/cus_1/balance_transactions after 3 attempts", error.Message);
        Assert.All(desktop.Events, e => Assert.NotNull(e.NetworkError));
    }

    [Fact]
    public async Task A_malformed_success_body_is_not_retried_and_says_the_create_may_have_happened()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);
        await stripe.InjectAsync(customer, "kind=malformed_json", method: "POST");

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.CreateAsync(customer, DesktopClient.Usd(700)));

        Assert.Equal(StripeFailureKind.InvalidResponse, error.Kind);
        Assert.True(error.MayHaveSucceeded);
        Assert.Equal(1, error.Attempts);
        Assert.Contains(error.IdempotencyKey!, error.Message);
    }

    [Fact]
    public async Task The_key_never_appears_in_any_exception_or_request_event()
    {
        const string wrongKey = "sk_test_wrong_key_abcdefghijklmn5678";
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe, o => o.LogRequestBodies = true);
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

        await Capture(() => desktop.Client.ListAsync(customer, requestOptions: new RequestOptions { ApiKey = new StripeApiKey(wrongKey) }));
        await Capture(() => desktop.Client.RetrieveAsync(customer, "cbtxn_nope"));
        await stripe.InjectAsync(customer, "kind=reset_before_commit", count: 2, method: "POST");
        await Capture(() => desktop.Client.CreateAsync(customer, DesktopClient.Usd(1), new RequestOptions { MaxNetworkRetries = 0 }));
        await stripe.ForgetRequestsAsync();
        await stripe.InjectAsync(customer, "kind=malformed_json", method: "POST");
        await Capture(() => desktop.Client.CreateAsync(customer, DesktopClient.Usd(1)));
        await stripe.InjectAsync(customer, "kind=delay&delay_ms=1000", method: "GET");
        await Capture(() => desktop.Client.ListAsync(customer, requestOptions: new RequestOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxNetworkRetries = 0 }));
        await Capture(() => desktop.Client.CreateAsync(customer, new CreateOptions { Amount = 1, Currency = "dollars" }));
        var pasted = DesktopClient.Usd(1);
        pasted.Metadata["oops"] = stripe.ApiKey;
        await desktop.Client.CreateAsync(customer, pasted);
        using (var unreachable = new DesktopClient(ClosedPort.Address(), wrongKey, o => o.MaxNetworkRetries = 0))
        {
            await Capture(() => unreachable.Client.ListAsync("cus_x"));
        }

        Assert.Equal(7, failures.Count);
        var texts = failures.Select(f => f.ToString())
            .Concat(failures.OfType<StripeException>().Select(f => f.StripeMessage ?? string.Empty))
            .Concat(desktop.Events.Select(e => e.ToString() + e.Describe()))
            .Append(new StripeApiKey(wrongKey).ToString())
            .ToList();
        foreach (var key in new[] { stripe.ApiKey, wrongKey })
        {
            Assert.DoesNotContain(texts, text => text.Contains(key));
            Assert.DoesNotContain(texts, text => text.Contains(key.Substring(0, 20)));
        }
    }
}
