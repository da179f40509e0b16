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
            {"id":"cbtxn_2","amount":1,"created":0,"currency":"eur","ending_balance":1,"type":"applied_to_invoice",
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
        Assert.Throws<ArgumentException>(() => new StripeApiKey(" "));
        Assert.Throws<ArgumentException>(() => new StripeApiKey("sk_test_a b"));
    }

    [Theory]
    [InlineData("http://api.example.com/")]
    [InlineData("http://10.0.0.5:12111/")]
    [InlineData("ftp://127.0.0.1/")]
    public void Plain_http_is_refused_unless_the_host_is_loopback(string baseUri)
    {
        var error = Assert.Throws<ArgumentException>(() => new CustomerBalanceTransactionClient(new StripeClientOptions { BaseUri = new Uri(baseUri) }));

        Assert.Contains("Refusing to send a Stripe key", error.Message);
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
