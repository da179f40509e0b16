namespace BalanceTools.Client.Tests;

public sealed class ValidationTests
{
    public static TheoryData<string, string> InvalidCalls => new()
    {
        { "empty customer", "customer" },
        { "customer with a space", "customer" },
        { "customer of dots", "customer" },
        { "empty transaction id", "transaction" },
        { "transaction id with a newline", "transaction" },
        { "two-letter currency", "currency" },
        { "currency with a digit", "currency" },
        { "description of 351 characters", "description" },
        { "51 metadata keys", "metadata" },
        { "metadata key of 41 characters", "metadata[" + new string('k', 41) + "]" },
        { "metadata key with a bracket", "metadata[a[b]" },
        { "metadata value of 501 characters", "metadata[note]" },
        { "empty metadata key", "metadata" },
        { "update clearing and setting metadata", "metadata" },
        { "limit 0", "limit" },
        { "limit 101", "limit" },
        { "both cursors", "ending_before" },
        { "cursor with whitespace", "starting_after" },
        { "empty created range", "created" },
        { "created range excluding its only second", "created" },
        { "blank expand entry", "expand" },
    };

    [Theory]
    [MemberData(nameof(InvalidCalls))]
    public async Task Each_rule_rejects_before_any_request_reaches_the_server(string call, string parameter)
    {
        await using var stripe = await StripeFixture.StartAsync();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Invoke(stripe, call));

        Assert.Equal(parameter, error.ParamName);
        Assert.Equal(0, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task Auto_paging_validates_when_called_not_when_first_enumerated()
    {
        await using var stripe = await StripeFixture.StartAsync();

        Assert.Throws<StripeInputException>(() => stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Limit = 500 }));
        Assert.Equal(0, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task Limits_at_the_boundary_are_accepted_and_currency_is_sent_lowercase()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var options = new CreateOptions { Amount = 5, Currency = "USD", Description = new string('d', 350) };
        for (var i = 0; i < 50; i++)
        {
            options.Metadata["k" + i.ToString("00") + new string('x', 37)] = new string('v', 500);
        }

        var created = await stripe.Client.CreateAsync(stripe.Customer, options);
        await stripe.Client.ListAsync(stripe.Customer, new ListOptions { Limit = 1 });
        await stripe.Client.ListAsync(stripe.Customer, new ListOptions { Limit = 100 });

        Assert.Equal("usd", created.Currency);
        Assert.Equal(50, created.Metadata.Count);
        Assert.Contains("currency=usd&", stripe.Requests[0].RawBody);
    }

    [Fact]
    public async Task A_missing_key_is_a_clear_error_before_any_request()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.ApiKey = null);

        var error = await Assert.ThrowsAsync<MissingApiKeyException>(() => stripe.Client.ListAsync(stripe.Customer));

        Assert.Contains("STRIPE_API_KEY", error.Message);
        Assert.Equal(0, stripe.Server.Requests.Count);
    }

    private static Task Invoke(StripeFixture stripe, string call)
    {
        var client = stripe.Client;
        var customer = stripe.Customer;
        return call switch
        {
            "empty customer" => client.ListAsync(""),
            "customer with a space" => client.ListAsync("cus 1"),
            "customer of dots" => client.ListAsync(".."),
            "empty transaction id" => client.RetrieveAsync(customer, ""),
            "transaction id with a newline" => client.RetrieveAsync(customer, "cbtxn_1\n"),
            "two-letter currency" => client.CreateAsync(customer, new CreateOptions { Amount = 1, Currency = "us" }),
            "currency with a digit" => client.CreateAsync(customer, new CreateOptions { Amount = 1, Currency = "us1" }),
            "description of 351 characters" => client.CreateAsync(customer, new CreateOptions { Amount = 1, Currency = "usd", Description = new string('x', 351) }),
            "51 metadata keys" => client.CreateAsync(customer, WithMetadata(Enumerable.Range(0, 51).ToDictionary(i => "k" + i, _ => "v"))),
            "metadata key of 41 characters" => client.CreateAsync(customer, WithMetadata(new() { [new string('k', 41)] = "v" })),
            "metadata key with a bracket" => client.CreateAsync(customer, WithMetadata(new() { ["a[b"] = "v" })),
            "metadata value of 501 characters" => client.CreateAsync(customer, WithMetadata(new() { ["note"] = new string('v', 501) })),
            "empty metadata key" => client.CreateAsync(customer, WithMetadata(new() { [""] = "v" })),
            "update clearing and setting metadata" => client.UpdateAsync(customer, "cbtxn_1", new UpdateOptions { ClearMetadata = true, Metadata = { ["a"] = "b" } }),
            "limit 0" => client.ListAsync(customer, new ListOptions { Limit = 0 }),
            "limit 101" => client.ListAsync(customer, new ListOptions { Limit = 101 }),
            "both cursors" => client.ListAsync(customer, new ListOptions { StartingAfter = "cbtxn_a", EndingBefore = "cbtxn_b" }),
            "cursor with whitespace" => client.ListAsync(customer, new ListOptions { StartingAfter = "cbtxn a" }),
            "empty created range" => client.ListAsync(customer, new ListOptions { Created = new CreatedFilter { GreaterThan = DateTimeOffset.UtcNow, LessThan = DateTimeOffset.UtcNow.AddDays(-1) } }),
            "created range excluding its only second" => client.ListAsync(customer, new ListOptions { Created = new CreatedFilter { GreaterThan = DateTimeOffset.FromUnixTimeSeconds(100), LessThan = DateTimeOffset.FromUnixTimeSeconds(101) } }),
            "blank expand entry" => client.RetrieveAsync(customer, "cbtxn_1", new RetrieveOptions { Expand = { " " } }),
            _ => throw new ArgumentOutOfRangeException(nameof(call)),
        };
    }

    private static CreateOptions WithMetadata(Dictionary<string, string> metadata) => new() { Amount = 1, Currency = "usd", Metadata = metadata };
}
