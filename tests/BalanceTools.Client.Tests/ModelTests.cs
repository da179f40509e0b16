using System.Text;

namespace BalanceTools.Client.Tests;

public sealed class ModelTests
{
    [Fact]
    public void Unknown_fields_and_types_and_null_metadata_never_break_parsing()
    {
        const string json = """
            {"id":"cbtxn_1","object":"customer_balance_transaction","amount":-500,"created":1680216086,
             "credit_note":null,"currency":"usd","customer":"cus_1","description":null,"ending_balance":-500,
             "invoice":null,"livemode":true,"metadata":null,"type":"brand_new_type_2027",
             "future_field":{"nested":[1,2,{"x":null}]},"another":"text","checkout_session":"cs_test_1",
             "customer_account":"acct_1"}
            """;

        var transaction = TransactionJsonReader.ReadTransaction(Encoding.UTF8.GetBytes(json));

        Assert.Equal("cbtxn_1", transaction.Id);
        Assert.Equal(-500, transaction.Amount);
        Assert.Equal("brand_new_type_2027", transaction.Type);
        Assert.Empty(transaction.Metadata);
        Assert.True(transaction.Livemode);
        Assert.Equal("cs_test_1", transaction.CheckoutSession);
        Assert.Equal("acct_1", transaction.CustomerAccount);
        Assert.Equal(new DateTimeOffset(2023, 3, 30, 22, 41, 26, TimeSpan.Zero), transaction.Created);
    }

    [Fact]
    public void Expanded_references_keep_their_id_and_expose_all_fields()
    {
        const string json = """
            {"id":"cbtxn_2","object":"customer_balance_transaction","amount":1,"created":0,"currency":"eur",
             "ending_balance":1,"livemode":false,"type":"applied_to_invoice",
             "metadata":{"a":"1","n":5},
             "customer":{"id":"cus_9","object":"customer","balance":-300,"metadata":{},"tags":["x"]},
             "invoice":{"id":"in_9","object":"invoice","total":12.5},
             "credit_note":"cn_9"}
            """;

        var transaction = TransactionJsonReader.ReadTransaction(Encoding.UTF8.GetBytes(json));

        Assert.Equal("cus_9", transaction.Customer);
        Assert.Equal("cus_9", transaction.ExpandedCustomer!.ToString());
        Assert.Equal(-300L, transaction.ExpandedCustomer.Fields["balance"]);
        Assert.Equal(new List<object?> { "x" }, transaction.ExpandedCustomer.Fields["tags"]);
        Assert.Equal("in_9", transaction.Invoice);
        Assert.Equal(12.5m, transaction.ExpandedInvoice!.Fields["total"]);
        Assert.Equal("cn_9", transaction.CreditNote);
        Assert.Null(transaction.ExpandedCreditNote);
        Assert.Equal("5", transaction.Metadata["n"]);
    }

    [Fact]
    public void Values_repeated_across_a_page_are_shared_but_a_change_is_still_read()
    {
        const string json = """
            {"object":"list","has_more":false,"data":[
             {"id":"cbtxn_1","customer":"cus_A","currency":"usd","type":"adjustment",$REST},
             {"id":"cbtxn_2","customer":"cus_A","currency":"usd","type":"adjustment",$REST},
             {"id":"cbtxn_3","customer":"cus_B","currency":"eur","type":"initial",$REST},
             {"id":"cbtxn_4","customer":"cus_C","currency":"eur","type":"initial",$REST}]}
            """;

        var rest = "\"object\":\"customer_balance_transaction\",\"amount\":1,\"created\":0,\"ending_balance\":1,\"livemode\":false";
        var page = TransactionJsonReader.ReadList(Encoding.UTF8.GetBytes(json.Replace("$REST", rest))).Data;

        Assert.Same(page[0].Customer, page[1].Customer);
        Assert.Same(page[0].Currency, page[1].Currency);
        Assert.Equal(new[] { "cus_A", "cus_A", "cus_B", "cus_C" }, page.Select(t => t.Customer));
        Assert.Equal(new[] { "usd", "usd", "eur", "eur" }, page.Select(t => t.Currency));
        Assert.Equal(new[] { "adjustment", "adjustment", "initial", "initial" }, page.Select(t => t.Type));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"id\": ")]
    [InlineData("[1,2]")]
    [InlineData("{\"id\":\"cbtxn_1\",\"amount\":\"lots\"}")]
    public void Bodies_that_are_not_a_transaction_are_rejected_as_json_errors(string body)
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => TransactionJsonReader.ReadTransaction(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void A_key_prints_redacted_and_is_never_whitespace_or_empty()
    {
        var key = new StripeApiKey("sk_test_51HxYzAbCdEfGhIjKlMnOp");

        Assert.Equal("sk_test_****MnOp", key.ToString());
        Assert.Equal("sk_test_****MnOp", $"{key}");
        Assert.True(key.IsTestMode);
        Assert.Throws<StripeInputException>(() => new StripeApiKey(" "));
        Assert.Throws<StripeInputException>(() => new StripeApiKey("sk_test_a b"));
    }

    [Theory]
    [InlineData("sk_test_fake_0123456789abcdefghijklmnop", "sk_test_****mnop")]
    [InlineData("rk_live_51HxYzAbCdEfGhIj", "rk_live_****GhIj")]
    [InlineData("sk_test_short", "sk_test_****")]
    public void Redaction_keeps_only_the_mode_prefix_and_at_most_four_characters(string secret, string redacted)
    {
        Assert.Equal(redacted, new StripeApiKey(secret).ToString());
    }

    [Fact]
    public void Settings_layer_parameters_over_session_over_environment_and_reject_a_bad_base_uri()
    {
        var environment = new Dictionary<string, string?> { ["STRIPE_API_KEY"] = " sk_test_from_environment_0001 ", ["STRIPE_API_BASE"] = "http://127.0.0.1:12111", ["STRIPE_MAX_REQUESTS_PER_SECOND"] = " 100 " };
        var session = new StripeConnectionSettings { ApiVersion = "2024-06-20", StripeAccount = "acct_session" };
        var call = new StripeConnectionSettings { StripeAccount = "acct_call" };

        var options = call.Over(session).Over(StripeConnectionSettings.FromEnvironment(name => environment[name])).ToClientOptions();

        Assert.Equal("sk_test_****0001", options.ApiKey!.ToString());
        Assert.Equal(new Uri("http://127.0.0.1:12111"), options.BaseUri);
        Assert.Equal("2024-06-20", options.ApiVersion);
        Assert.Equal("acct_call", options.StripeAccount);
        Assert.Equal(StripeDefaults.MaxNetworkRetries, options.MaxNetworkRetries);
        Assert.Equal(100, options.MaxRequestsPerSecond);
        Assert.Equal(StripeDefaults.MaxRequestsPerSecond, new StripeConnectionSettings { ApiKey = options.ApiKey }.ToClientOptions().MaxRequestsPerSecond);
        environment["STRIPE_MAX_REQUESTS_PER_SECOND"] = "fast";
        var badRate = Assert.Throws<StripeInputException>(() => StripeConnectionSettings.FromEnvironment(name => environment[name]));
        Assert.Equal("STRIPE_MAX_REQUESTS_PER_SECOND", badRate.ParamName);
        Assert.Contains("fast", badRate.Message);
        environment["STRIPE_MAX_REQUESTS_PER_SECOND"] = null;
        environment["STRIPE_API_BASE"] = "localhost:12111/v1";
        Assert.Equal("STRIPE_API_BASE", Assert.Throws<StripeInputException>(() => StripeConnectionSettings.FromEnvironment(name => environment[name])).ParamName);
        Assert.Throws<MissingApiKeyException>(() => new StripeConnectionSettings().ToClientOptions());
    }

    [Fact]
    public void Expand_paths_for_a_list_are_placed_under_data()
    {
        Assert.Equal(new[] { "data.invoice", "data.customer" }, ExpandPaths.ForListItems(new[] { "invoice", "data.customer" }));
    }

    [Theory]
    [InlineData(1_700_000_000L, "2023-11-14T22:13:20+00:00")]
    [InlineData("1700000000", "2023-11-14T22:13:20+00:00")]
    [InlineData("2026-11-01T10:00:00+02:00", "2026-11-01T08:00:00+00:00")]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    public void Timestamps_are_read_from_unix_seconds_or_iso_text(object value, string expectedUtc)
    {
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), StripeTimestamp.From(value));
    }

    [Fact]
    public void A_date_of_unspecified_kind_is_utc_and_a_local_date_is_converted()
    {
        var unspecified = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Unspecified);
        var local = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Local);

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero), StripeTimestamp.From(unspecified));
        Assert.Equal(new DateTimeOffset(local).ToUniversalTime(), StripeTimestamp.From(local));
        Assert.Throws<StripeInputException>(() => StripeTimestamp.From("next tuesday"));
        Assert.Throws<StripeInputException>(() => StripeTimestamp.From(1.5));
    }

    [Fact]
    public void Metadata_input_formats_values_invariantly_and_keeps_null_for_removal()
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var pairs = MetadataInput.From(new System.Collections.Hashtable { ["amount"] = 12.5m, ["flag"] = true, ["gone"] = null, ["id"] = 6735 });

            Assert.Equal("12.5", pairs["amount"]);
            Assert.Equal("true", pairs["flag"]);
            Assert.Null(pairs["gone"]);
            Assert.Equal("6735", pairs["id"]);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Metadata_prints_as_json_for_export_and_empty_as_nothing()
    {
        var json = """
            {"id":"cbtxn_1","object":"customer_balance_transaction","amount":1,"created":0,"currency":"usd",
             "customer":"cus_1","ending_balance":1,"livemode":false,"type":"adjustment",
             "metadata":{"order_id":"6735","note":"a \"quoted\" b"}}
            """;

        var transaction = TransactionJsonReader.ReadTransaction(Encoding.UTF8.GetBytes(json));

        Assert.Equal("""{"order_id":"6735","note":"a \u0022quoted\u0022 b"}""", transaction.Metadata.ToString());
        Assert.Equal(string.Empty, StripeMetadata.None.ToString());
        Assert.IsAssignableFrom<System.Collections.IDictionary>(transaction.Metadata);
    }

    [Theory]
    [InlineData(404, StripeErrorClass.NotFound)]
    [InlineData(401, StripeErrorClass.Authentication)]
    [InlineData(403, StripeErrorClass.PermissionDenied)]
    [InlineData(400, StripeErrorClass.InvalidRequest)]
    [InlineData(402, StripeErrorClass.InvalidRequest)]
    [InlineData(409, StripeErrorClass.Conflict)]
    [InlineData(429, StripeErrorClass.RateLimited)]
    [InlineData(503, StripeErrorClass.ServerError)]
    public void Http_statuses_map_to_error_classes(int status, StripeErrorClass expected)
    {
        Assert.Equal(expected, new StripeException(new StripeFailure(StripeFailureKind.ApiError) { HttpStatus = status }, new StripeApiKey("sk_test_unused_0000")).ErrorClass);
    }

    [Theory]
    [InlineData(System.Net.SecurityProtocolType.SystemDefault, System.Net.SecurityProtocolType.SystemDefault)]
    [InlineData(System.Net.SecurityProtocolType.Tls, System.Net.SecurityProtocolType.Tls | System.Net.SecurityProtocolType.Tls12)]
    [InlineData(System.Net.SecurityProtocolType.Tls12 | System.Net.SecurityProtocolType.Tls13, System.Net.SecurityProtocolType.Tls12 | System.Net.SecurityProtocolType.Tls13)]
    public void Tls12_is_added_without_removing_anything_or_overriding_the_system_default(System.Net.SecurityProtocolType current, System.Net.SecurityProtocolType expected)
    {
        Assert.Equal(expected, TlsPolicy.WithTls12(current));
    }

    [Theory]
    [InlineData("http://api.example.com/", "Refusing to send a Stripe key")]
    [InlineData("http://10.0.0.5:12111/", "Refusing to send a Stripe key")]
    [InlineData("ftp://127.0.0.1/", "is not a web address")]
    public void Plain_http_is_refused_unless_the_host_is_loopback(string baseUri, string reason)
    {
        var error = Assert.Throws<StripeInputException>(() => new CustomerBalanceTransactionClient(new StripeClientOptions { BaseUri = new Uri(baseUri) }));

        Assert.Contains(reason, error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:12111/")]
    [InlineData("http://localhost:12111/")]
    [InlineData("http://[::1]:12111/")]
    [InlineData("https://api.stripe.com/")]
    public void Https_and_loopback_http_are_accepted(string baseUri)
    {
        using var client = new CustomerBalanceTransactionClient(new StripeClientOptions { BaseUri = new Uri(baseUri) });
    }

    [Fact]
    public async Task The_client_copies_its_options_so_later_changes_do_not_leak_into_it()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var options = StripeFixture.ClientOptions(stripe.Server);
        using var client = new CustomerBalanceTransactionClient(options);
        options.ApiKey = new StripeApiKey("sk_test_changed_afterwards_0000");

        await client.ListAsync(stripe.Customer);

        Assert.Equal("Bearer " + stripe.Server.ApiKey, Assert.Single(stripe.Requests).Headers["authorization"]);
    }
}
