using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

public sealed class ParsingTests
{
    private const string Key = "sk_test_scripted_0123456789abcdef";

    private const string EveryField = """
        {"id":"cbtxn_every","object":"customer_balance_transaction","amount":-9007199254740993,
         "checkout_session":{"id":"cs_test_1","object":"checkout.session","amount_total":1250,"expires_at":null},
         "created":1680216086,
         "credit_note":{"id":"cn_1","object":"credit_note","lines":{"object":"list","data":[]}},
         "currency":"usd",
         "customer":{"id":"cus_9","object":"customer","balance":-300,"metadata":{},"tags":["x",null,2.5,true],"address":null},
         "customer_account":"acct_1",
         "description":"Goodwill \u00e9 \u65e5\u672c \"quoted\" back\\slash\nline",
         "ending_balance":123456789012,
         "invoice":{"id":"in_9","object":"invoice","total":12.5,"paid":true},
         "livemode":true,
         "metadata":{"order_id":"6735","empty":"","unicode":"\u00fc\u00df"},
         "type":"brand_new_type_2027",
         "future_field":{"nested":[1,2,{"x":null}],"deeper":{"a":{"b":{"c":[]}}}},
         "another":"text","flag":false,"ratio":0.125,"huge":123456789012345678901234567890,"exp":1.5e300}
        """;

    private const string SparseFields = """
        {"id":"cbtxn_sparse","object":"customer_balance_transaction","amount":0,"checkout_session":null,"created":0,
         "credit_note":null,"currency":"eur","customer":"cus_1","customer_account":null,"description":null,
         "ending_balance":0,"invoice":"in_1","livemode":false,"metadata":null,"type":"initial"}
        """;

    [Fact]
    public async Task Every_field_is_read_including_expanded_objects_and_fields_stripe_has_not_invented_yet()
    {
        using var server = new ScriptedServer(new ScriptedResponse(200, EveryField));
        using var desktop = new DesktopClient(server.BaseUri, Key);

        var transaction = await desktop.Client.RetrieveAsync("cus_9", "cbtxn_every");

        Assert.Equal("/v1/customers/cus_9/balance_transactions/cbtxn_every", Assert.Single(server.Requests).Target);
        Assert.Equal("cbtxn_every", transaction.Id);
        Assert.Equal("customer_balance_transaction", transaction.Object);
        Assert.Equal(-9_007_199_254_740_993, transaction.Amount);
        Assert.Equal(new DateTimeOffset(2023, 3, 30, 22, 41, 26, TimeSpan.Zero), transaction.Created);
        Assert.Equal(TimeSpan.Zero, transaction.Created.Offset);
        Assert.Equal("usd", transaction.Currency);
        Assert.Equal("acct_1", transaction.CustomerAccount);
        Assert.Equal("Goodwill é 日本 \"quoted\" back\\slash\nline", transaction.Description);
        Assert.Equal(123_456_789_012, transaction.EndingBalance);
        Assert.True(transaction.Livemode);
        Assert.Equal("brand_new_type_2027", transaction.Type);
        Assert.Equal(new Dictionary<string, string> { ["order_id"] = "6735", ["empty"] = "", ["unicode"] = "üß" }, transaction.Metadata);

        Assert.Equal("cs_test_1", transaction.CheckoutSession);
        Assert.Equal("checkout.session", transaction.ExpandedCheckoutSession!.Object);
        Assert.Equal(1250L, transaction.ExpandedCheckoutSession.Fields["amount_total"]);
        Assert.Null(transaction.ExpandedCheckoutSession.Fields["expires_at"]);
        Assert.Equal("cn_1", transaction.CreditNote);
        Assert.Equal("credit_note", transaction.ExpandedCreditNote!.Object);
        Assert.Equal("cus_9", transaction.Customer);
        Assert.Equal(-300L, transaction.ExpandedCustomer!.Fields["balance"]);
        Assert.Equal(new List<object?> { "x", null, 2.5m, true }, transaction.ExpandedCustomer.Fields["tags"]);
        Assert.Equal("in_9", transaction.Invoice);
        Assert.Equal(12.5m, transaction.ExpandedInvoice!.Fields["total"]);
        Assert.Equal(true, transaction.ExpandedInvoice.Fields["paid"]);
    }

    [Fact]
    public async Task Nulls_and_null_metadata_read_as_nothing()
    {
        using var server = new ScriptedServer(new ScriptedResponse(200, SparseFields));
        using var desktop = new DesktopClient(server.BaseUri, Key);

        var transaction = await desktop.Client.RetrieveAsync("cus_1", "cbtxn_sparse");

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(0), transaction.Created);
        Assert.Null(transaction.CheckoutSession);
        Assert.Null(transaction.CreditNote);
        Assert.Null(transaction.CustomerAccount);
        Assert.Null(transaction.Description);
        Assert.Equal("in_1", transaction.Invoice);
        Assert.Null(transaction.ExpandedInvoice);
        Assert.False(transaction.Livemode);
        Assert.Empty(transaction.Metadata);
        Assert.Equal(string.Empty, transaction.Metadata.ToString());
    }

    [Fact]
    public async Task A_list_with_fields_of_its_own_that_are_unknown_still_pages()
    {
        var page = "{\"object\":\"list\",\"url\":\"/v1/customers/cus_1/balance_transactions\",\"has_more\":false,\"total_count\":2,"
            + "\"next_page\":null,\"search\":{\"q\":[]},\"data\":[" + EveryField + "," + SparseFields + "]}";
        using var server = new ScriptedServer(new ScriptedResponse(200, page));
        using var desktop = new DesktopClient(server.BaseUri, Key);

        var all = await desktop.Client.ListAutoPagingAsync("cus_1").ToListAsync();

        Assert.Equal(new[] { "cbtxn_every", "cbtxn_sparse" }, all.Select(t => t.Id));
        Assert.Equal(new[] { "cus_9", "cus_1" }, all.Select(t => t.Customer));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_body_that_is_not_a_transaction_is_an_invalid_response_not_a_crash()
    {
        using var server = new ScriptedServer(new ScriptedResponse(200, "{\"id\":\"cbtxn_1\",\"amount\":\"lots\"}"));
        using var desktop = new DesktopClient(server.BaseUri, Key);

        var error = await Assert.ThrowsAsync<StripeException>(() => desktop.Client.RetrieveAsync("cus_1", "cbtxn_1"));

        Assert.Equal(StripeFailureKind.InvalidResponse, error.Kind);
        Assert.Equal("req_scripted1", error.RequestId);
        Assert.Single(server.Requests);
    }
}
