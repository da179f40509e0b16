using System.Text.RegularExpressions;

namespace BalanceTools.Client.Tests;

public sealed class WireFormatTests
{
    [Fact]
    public async Task Create_sends_a_stripe_sdk_form_body_with_bracket_notation_and_percent20_spaces()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var options = stripe.Usd(-500, "Goodwill credit & refund");
        options.Metadata["order_id"] = "6735";
        options.Metadata["note key"] = "a b";
        options.Expand.Add("customer");

        await stripe.Client.CreateAsync(stripe.Customer, options);

        var request = Assert.Single(stripe.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(
            "amount=-500&currency=usd&description=Goodwill%20credit%20%26%20refund&metadata[order_id]=6735&metadata[note%20key]=a%20b&expand[0]=customer",
            request.RawBody);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["content-type"]);
    }

    [Fact]
    public async Task List_sends_filters_in_the_query_string_with_bracket_notation()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var options = new ListOptions
        {
            Limit = 3,
            Created = new CreatedFilter
            {
                GreaterThanOrEqual = DateTimeOffset.FromUnixTimeSeconds(1_680_000_000),
                LessThan = DateTimeOffset.FromUnixTimeSeconds(1_690_000_000),
            },
            Invoice = "in_123",
        };
        options.Expand.Add("data.invoice");

        await stripe.Client.ListAsync(stripe.Customer, options);

        var request = Assert.Single(stripe.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("limit=3&created[gte]=1680000000&created[lt]=1690000000&invoice=in_123&expand[0]=data.invoice", request.RawQuery);
        Assert.Equal("", request.RawBody);
    }

    [Fact]
    public async Task Every_request_carries_bearer_auth_pinned_version_and_user_agent_and_only_posts_carry_an_idempotency_key()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var created = await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100));
        await stripe.Client.RetrieveAsync(stripe.Customer, created.Id);

        var post = stripe.Requests[0];
        var get = stripe.Requests[1];
        foreach (var request in new[] { post, get })
        {
            Assert.Equal("Bearer " + stripe.Server.ApiKey, request.Headers["authorization"]);
            Assert.Equal(StripeDefaults.ApiVersion, request.Headers["stripe-version"]);
            Assert.Matches(@"^BalanceTools/\d+\.\d+\.\d+ RestSharp/114\.1\.0", request.Headers["user-agent"]);
            Assert.Contains("\"lang\":\".net\"", request.Headers["x-stripe-client-user-agent"]);
            Assert.False(request.Headers.ContainsKey("stripe-account"));
        }

        Assert.True(Guid.TryParse(post.Headers["idempotency-key"], out _));
        Assert.False(get.Headers.ContainsKey("idempotency-key"));
    }

    [Fact]
    public async Task Per_call_options_override_version_account_and_idempotency_key()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.StripeAccount = "acct_client");
        await stripe.Client.CreateAsync(stripe.Customer, stripe.Usd(100), new RequestOptions
        {
            ApiVersion = "2024-06-20",
            StripeAccount = "acct_call",
            IdempotencyKey = "runbook-2026-11-22-row-17",
        });
        await stripe.Client.ListAsync(stripe.Customer);

        var (post, get) = (stripe.Requests[0], stripe.Requests[1]);
        Assert.Equal("2024-06-20", post.Headers["stripe-version"]);
        Assert.Equal("acct_call", post.Headers["stripe-account"]);
        Assert.Equal("runbook-2026-11-22-row-17", post.Headers["idempotency-key"]);
        Assert.Equal("acct_client", get.Headers["stripe-account"]);
        Assert.Equal(StripeDefaults.ApiVersion, get.Headers["stripe-version"]);
    }

    [Fact]
    public async Task A_stripe_notice_header_reaches_the_request_log_for_a_warning()
    {
        await using var stripe = await StripeFixture.StartAsync();

        await stripe.Client.ListAsync(stripe.Customer, requestOptions: new RequestOptions { ApiVersion = "2020-08-27" });
        await stripe.Client.ListAsync(stripe.Customer);

        Assert.Contains("2020-08-27 is deprecated", stripe.Events[0].Notice);
        Assert.Null(stripe.Events[1].Notice);
    }

    [Fact]
    public void Completion_offers_the_currencies_and_expandable_fields_that_match_what_was_typed()
    {
        Assert.Equal(new[] { "eur" }, StripeVocabulary.Completions(StripeVocabulary.Currencies, "EU"));
        Assert.Contains("usd", StripeVocabulary.Completions(StripeVocabulary.Currencies, "'u"));
        Assert.Equal(new[] { "credit_note", "checkout_session", "customer" }.OrderBy(f => f), StripeVocabulary.Completions(StripeVocabulary.ExpandableFields, "c").OrderBy(f => f));
        Assert.Equal(StripeVocabulary.Currencies.Count, StripeVocabulary.Completions(StripeVocabulary.Currencies, null).Count());
        Assert.All(StripeVocabulary.Currencies, code => Assert.Matches("^[a-z]{3}$", code));
        Assert.Equal(StripeVocabulary.Currencies.Count, StripeVocabulary.Currencies.Distinct().Count());
    }

    [Fact]
    public async Task Update_unsets_a_key_with_an_empty_value_and_clears_all_with_an_empty_metadata_parameter()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var create = stripe.Usd(100);
        create.Metadata["keep"] = "1";
        create.Metadata["drop"] = "2";
        var created = await stripe.Client.CreateAsync(stripe.Customer, create);

        var unset = new UpdateOptions { Description = "renamed" };
        unset.Metadata["drop"] = null;
        unset.Metadata["added"] = "3";
        var updated = await stripe.Client.UpdateAsync(stripe.Customer, created.Id, unset);
        var cleared = await stripe.Client.UpdateAsync(stripe.Customer, created.Id, new UpdateOptions { ClearMetadata = true });

        Assert.Equal("description=renamed&metadata[drop]=&metadata[added]=3", stripe.Requests[1].RawBody);
        Assert.Equal("metadata=", stripe.Requests[2].RawBody);
        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["added"] = "3" }, updated.Metadata);
        Assert.Equal("renamed", updated.Description);
        Assert.Empty(cleared.Metadata);
    }

    [Theory]
    [InlineData("cus_1/../x")]
    [InlineData("cus_a?b#c")]
    [InlineData("../cus_2")]
    public async Task Ids_that_could_change_the_route_are_refused_before_any_request(string customer)
    {
        await using var stripe = await StripeFixture.StartAsync();

        var error = await Assert.ThrowsAsync<StripeInputException>(() => stripe.Client.ListAsync(customer));

        Assert.Equal(StripeIdKind.Customer.Problem(customer), error.Message);
        Assert.Empty(stripe.Requests);
    }

    [Theory]
    [InlineData("cus_1/../x", "cus_1%2F..%2Fx")]
    [InlineData("cus_a?b#c", "cus_a%3Fb%23c")]
    public void Path_segments_are_escaped_whatever_reaches_them(string customer, string expectedSegment)
    {
        Assert.Equal("v1/customers/" + expectedSegment + "/balance_transactions", PathBuilder.BalanceTransactions(customer));
    }

    [Fact]
    public void Form_builder_matches_the_sdk_encoding_of_reserved_and_unicode_characters()
    {
        var form = new FormBuilder()
            .Add("description", "100% café+tea=ok/yes")
            .AddList("expand", new[] { "data.customer", "data.invoice" });

        Assert.Equal("description=100%25%20caf%C3%A9%2Btea%3Dok%2Fyes&expand[0]=data.customer&expand[1]=data.invoice", form.ToString());
        Assert.Matches(new Regex("^[A-Za-z0-9%&=\\[\\]._~-]*$"), form.ToString());
    }
}
