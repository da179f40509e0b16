using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace BalanceTools.Client.Tests;

/// <summary>
/// The one field list, <see cref="TransactionFields"/>, against everything else that names a transaction's fields:
/// the object's properties, the JSON reader, the format view, the CSV columns and the fake server's JSON.
/// </summary>
public sealed class TransactionFieldTests
{
    /// <summary>A transaction in Stripe's shape with a different value in every field, and each field's CSV text.</summary>
    private static readonly (string Json, string Text)[] Sample =
    {
        ("\"id\":\"cbtxn_1Sample\"", "cbtxn_1Sample"),
        ("\"object\":\"customer_balance_transaction\"", "customer_balance_transaction"),
        ("\"amount\":-512", "-512"),
        ("\"checkout_session\":\"cs_test_7\"", "cs_test_7"),
        ("\"created\":1680216086", "2023-03-30T22:41:26Z"),
        ("\"credit_note\":\"cn_3\"", "cn_3"),
        ("\"currency\":\"eur\"", "eur"),
        ("\"customer\":\"cus_9\"", "cus_9"),
        ("\"customer_account\":\"acct_4\"", "acct_4"),
        ("\"description\":\"a note\"", "a note"),
        ("\"ending_balance\":-1024", "-1024"),
        ("\"invoice\":\"in_5\"", "in_5"),
        ("\"livemode\":true", "True"),
        ("\"metadata\":{\"order_id\":\"6735\"}", "{\"order_id\":\"6735\"}"),
        ("\"type\":\"adjustment\"", "adjustment"),
    };

    public static TheoryData<string> RequiredFields()
    {
        var data = new TheoryData<string>();
        foreach (var field in TransactionFields.Required)
        {
            data.Add(field.JsonName);
        }

        return data;
    }

    public static TheoryData<string> OptionalFields()
    {
        var data = new TheoryData<string>();
        foreach (var field in TransactionFields.All.Where(field => !field.Required))
        {
            data.Add(field.JsonName);
        }

        return data;
    }

    [Fact]
    public void The_object_has_a_property_for_every_field_and_no_field_without_one_in_the_same_order()
    {
        var properties = typeof(CustomerBalanceTransaction).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(property => property.Name).ToList();

        Assert.Equal(properties.Where(name => !name.StartsWith("Expanded", StringComparison.Ordinal)), TransactionFields.All.Select(field => field.Property));
        Assert.Equal(properties, TransactionFields.Columns);
        Assert.Equal(Enumerable.Range(0, TransactionFields.ColumnFields.Count), TransactionFields.ColumnFields.Select(field => field.Index));
    }

    [Fact]
    public void Every_field_is_read_from_its_own_json_name_into_its_own_property()
    {
        var transaction = TransactionJsonReader.ReadTransaction(Object(Sample.Select(pair => pair.Json)));

        Assert.Equal(Sample.Length, TransactionFields.All.Count);
        foreach (var (field, (json, text)) in TransactionFields.All.Zip(Sample))
        {
            Assert.StartsWith("\"" + field.JsonName + "\":", json);
            Assert.Equal(text, field.Text(transaction));
            Assert.Equal(text, Shown(typeof(CustomerBalanceTransaction).GetProperty(field.Property)!.GetValue(transaction)));
        }

        Assert.Equal(Sample.Select(pair => pair.Text).Concat(new string?[] { null, null, null, null }), TransactionFields.Row(transaction));
    }

    [Fact]
    public void The_required_fields_are_the_ones_stripe_always_sends_with_a_value()
    {
        Assert.Equal(
            new[] { "id", "object", "amount", "created", "currency", "customer", "ending_balance", "livemode", "type" },
            TransactionFields.Required.Select(field => field.JsonName));
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_transaction_without_a_required_field_is_an_error_naming_it(string field)
    {
        var error = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadTransaction(Object(Without(field))));

        Assert.Equal(field, error.Field);
        Assert.Equal($"the balance transaction has no '{field}', which Stripe always sends; nothing was assumed in its place", error.Message);
    }

    [Theory]
    [MemberData(nameof(RequiredFields))]
    public void A_required_field_that_is_null_or_of_the_wrong_type_is_an_error_naming_it(string field)
    {
        foreach (var spoilt in new[] { "null", field is "id" or "object" or "currency" or "customer" or "type" ? "42" : "\"42\"" })
        {
            var json = Object(Without(field).Append($"\"{field}\":{spoilt}"));

            var error = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadTransaction(json));

            Assert.Equal(field, error.Field);
            Assert.StartsWith($"'{field}' of the balance transaction is ", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(OptionalFields))]
    public void An_optional_field_may_be_missing_or_null_but_not_of_the_wrong_type(string field)
    {
        var missing = TransactionJsonReader.ReadTransaction(Object(Without(field)));
        var withNull = TransactionJsonReader.ReadTransaction(Object(Without(field).Append($"\"{field}\":null")));

        var read = TransactionFields.All.Single(f => f.JsonName == field);
        Assert.Equal(field == "metadata" ? string.Empty : null, read.Text(missing));
        Assert.Equal(read.Text(missing), read.Text(withNull));
        var error = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadTransaction(Object(Without(field).Append($"\"{field}\":true"))));
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void In_a_list_the_error_says_which_object_and_the_envelope_is_required_too()
    {
        var good = Encoding.UTF8.GetString(Object(Sample.Select(pair => pair.Json)));
        var bad = Encoding.UTF8.GetString(Object(Without("amount")));

        var item = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadList(Bytes($"{{\"object\":\"list\",\"has_more\":false,\"data\":[{good},{bad}]}}")));
        var noHasMore = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadList(Bytes($"{{\"object\":\"list\",\"data\":[{good}]}}")));
        var noData = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadList(Bytes("{\"object\":\"list\",\"has_more\":true}")));
        var textHasMore = Assert.Throws<ResponseShapeException>(() => TransactionJsonReader.ReadList(Bytes("{\"object\":\"list\",\"has_more\":\"no\",\"data\":[]}")));

        Assert.StartsWith("the balance transaction at data[1] has no 'amount'", item.Message);
        Assert.StartsWith("the list has no 'has_more'", noHasMore.Message);
        Assert.StartsWith("the list has no 'data'", noData.Message);
        Assert.Equal("'has_more' of the list is text, not true or false", textHasMore.Message);
    }

    [Theory]
    [InlineData("id")]
    [InlineData("object")]
    [InlineData("created")]
    [InlineData("balance")]
    public void A_customer_without_a_required_field_is_an_error_naming_it(string field)
    {
        var fields = new Dictionary<string, string> { ["id"] = "\"cus_1\"", ["object"] = "\"customer\"", ["created"] = "1680000000", ["balance"] = "-300", ["email"] = "null" };
        fields.Remove(field);
        var customer = "{" + string.Join(",", fields.Select(pair => $"\"{pair.Key}\":{pair.Value}")) + "}";

        var error = Assert.Throws<ResponseShapeException>(() => CustomerJsonReader.ReadList(Bytes($"{{\"object\":\"list\",\"has_more\":false,\"data\":[{customer}]}}")));

        Assert.Equal(field, error.Field);
        Assert.StartsWith($"the customer at data[0] has no '{field}'", error.Message);
    }

    [Fact]
    public void The_format_view_shows_only_fields_of_the_list()
    {
        var format = XDocument.Load(Path.Combine(RepositoryRoot(), "BalanceTools.format.ps1xml"));
        var views = format.Descendants("View").Where(view => view.Element("ViewSelectedBy")!.Element("TypeName")!.Value == typeof(CustomerBalanceTransaction).FullName).ToList();
        var properties = views.SelectMany(view => view.Descendants("PropertyName")).Select(name => name.Value).ToList();
        var scripted = views.SelectMany(view => view.Descendants("ScriptBlock"))
            .SelectMany(script => System.Text.RegularExpressions.Regex.Matches(script.Value, @"\$_\.(\w+)").Select(match => match.Groups[1].Value))
            .ToList();

        Assert.Equal(2, views.Count);
        Assert.NotEmpty(properties);
        Assert.All(properties.Concat(scripted), name => Assert.Contains(name, TransactionFields.Columns));
        Assert.Contains("Created", scripted);
    }

    [Fact]
    public async Task The_fake_server_sends_every_field_of_the_list_by_its_json_name()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 1, "usd");
        using var http = new HttpClient { BaseAddress = stripe.Server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", stripe.Server.ApiKey);

        var page = JsonNode.Parse(await http.GetStringAsync($"v1/customers/{stripe.Customer}/balance_transactions"))!;
        var sent = page["data"]![0]!.AsObject().Select(pair => pair.Key).ToList();

        Assert.Equal(TransactionFields.All.Select(field => field.JsonName).Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Without(string field) =>
        Sample.Select(pair => pair.Json).Where(json => !json.StartsWith("\"" + field + "\":", StringComparison.Ordinal));

    private static byte[] Object(IEnumerable<string> members) => Bytes("{" + string.Join(",", members) + "}");

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string? Shown(object? value) => value switch
    {
        DateTimeOffset created => created.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? "True" : "False",
        long number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "BalanceTools.sln")))
        {
            directory = directory.Parent ?? throw new InvalidOperationException("The repository root was not found above " + AppContext.BaseDirectory);
        }

        return directory.FullName;
    }
}
