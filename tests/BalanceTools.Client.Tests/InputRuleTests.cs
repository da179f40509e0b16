using System.Collections;

namespace BalanceTools.Client.Tests;

/// <summary>The rules the cmdlets check while binding, in the plain words users read.</summary>
public sealed class InputRuleTests
{
    [Theory]
    [InlineData(1250, 1250L)]
    [InlineData(-500L, -500L)]
    [InlineData(12.0, 12L)]
    [InlineData(" 42 ", 42L)]
    [InlineData("-7", -7L)]
    [InlineData("12.0", 12L)]
    public void Whole_numbers_come_from_integers_integral_numbers_and_digits(object value, long expected)
    {
        Assert.Null(InputRules.WholeNumber(value, long.MinValue, long.MaxValue, out var number));
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData(12.5, "'12.5' is not a whole number; fractions are not rounded.")]
    [InlineData("12.50", "'12.50' is not a whole number; fractions are not rounded.")]
    [InlineData("ten", "'ten' is not a whole number.")]
    [InlineData("1,250", "'1,250' is not a whole number.")]
    [InlineData("", "an empty value is not a whole number.")]
    [InlineData(true, "'True' is not a whole number.")]
    [InlineData(101, "'101' is out of range: give a whole number from 1 to 100.")]
    public void Fractions_text_and_out_of_range_numbers_are_refused_never_rounded(object value, string problem)
    {
        Assert.Equal(problem, InputRules.WholeNumber(value, 1, 100, out _));
    }

    [Theory]
    [InlineData("cus_NcjdgdwZyI9Rj7", null)]
    [InlineData("cust_1", "'cust_1' is not a customer id: customer ids start with cus_, such as cus_NcjdgdwZyI9Rj7.")]
    [InlineData("cus_", "'cus_' is not a customer id: after cus_ come only letters, digits and underscores, such as cus_NcjdgdwZyI9Rj7.")]
    [InlineData("cus_a/../b", "'cus_a/../b' is not a customer id: after cus_ come only letters, digits and underscores, such as cus_NcjdgdwZyI9Rj7.")]
    [InlineData("cus_1\n", "'cus_1\\n' is not a customer id: after cus_ come only letters, digits and underscores, such as cus_NcjdgdwZyI9Rj7.")]
    [InlineData("", "A customer id is required, such as cus_NcjdgdwZyI9Rj7; the value is empty.")]
    public void Customer_ids_need_their_prefix_and_only_letters_digits_and_underscores(string value, string? problem)
    {
        Assert.Equal(problem, StripeIdKind.Customer.Problem(value));
    }

    [Fact]
    public void Each_kind_of_id_has_its_own_prefix()
    {
        Assert.Null(StripeIdKind.BalanceTransaction.Problem("cbtxn_1MrXmJLkdIwHu7ixK9OvPWjv"));
        Assert.Null(StripeIdKind.Invoice.Problem("in_1MtHbELkdIwHu7ixl4OzzPMv"));
        Assert.Null(StripeIdKind.ConnectedAccount.Problem("acct_1032D82eZvKYlo2C"));
        Assert.Contains("start with acct_", StripeIdKind.ConnectedAccount.Problem("cus_1"));
        Assert.Contains("is 256 characters long", StripeIdKind.Customer.Problem("cus_" + new string('a', 252)));
    }

    [Theory]
    [InlineData("pk_test_51HxYzAbCdEfGhIjKlMnOp", "The key (pk_test_****MnOp) is a publishable key")]
    [InlineData("whsec_0123456789abcdefghij", "The key (****ghij) is not a Stripe secret key: secret keys start with sk_test_ or sk_live_")]
    [InlineData("sk_test_abc def", "contains spaces or line breaks")]
    [InlineData("  ", "The key is empty.")]
    public void Keys_the_api_cannot_use_are_refused_showing_only_their_redacted_form(string secret, string problem)
    {
        Assert.Contains(problem, StripeApiKey.Problem(secret));
        Assert.Equal(StripeApiKey.Problem(secret), Assert.Throws<StripeInputException>(() => new StripeApiKey(secret)).Message);
    }

    [Theory]
    [InlineData("invoice", null)]
    [InlineData("data.customer", null)]
    [InlineData("invoice.subscription", null)]
    [InlineData("foo", "'foo' cannot be expanded: a balance transaction can expand customer, invoice, credit_note, checkout_session")]
    [InlineData("data.foo", "'data.foo' cannot be expanded")]
    [InlineData("in voice", "'in voice' is not a field name")]
    public void Only_fields_a_balance_transaction_has_can_be_expanded(string field, string? problem)
    {
        if (problem is null)
        {
            Assert.Null(InputRules.ExpandField(field));
        }
        else
        {
            Assert.StartsWith(problem, InputRules.ExpandField(field));
        }
    }

    [Theory]
    [InlineData("2026-10-28.endive", true)]
    [InlineData("2020-08-27", true)]
    [InlineData("latest", false)]
    [InlineData("2026-10-28 endive", false)]
    public void Api_versions_are_release_dates_with_an_optional_name(string version, bool valid)
    {
        Assert.Equal(valid, InputRules.ApiVersion(version) is null);
    }

    [Theory]
    [InlineData("usd", true)]
    [InlineData("EUR", true)]
    [InlineData("xx", false)]
    [InlineData("us1", false)]
    public void Currencies_are_three_letters(string currency, bool valid)
    {
        Assert.Equal(valid, InputRules.Currency(currency) is null);
    }

    [Theory]
    [InlineData("https://api.stripe.com", null)]
    [InlineData("http://127.0.0.1:12111", null)]
    [InlineData("api.stripe.com", "'api.stripe.com' is not a web address")]
    [InlineData("http://stripe.example.com", "Refusing to send a Stripe key to 'http://stripe.example.com' in clear text")]
    public void Base_addresses_are_absolute_and_plain_http_only_to_loopback(string text, string? problem)
    {
        var found = InputRules.BaseUri(text, out var uri);

        if (problem is null)
        {
            Assert.Null(found);
            Assert.NotNull(uri);
        }
        else
        {
            Assert.StartsWith(problem, found);
        }
    }

    [Fact]
    public void Metadata_values_that_are_not_text_numbers_booleans_or_dates_are_refused_with_their_key()
    {
        var nested = Assert.Throws<StripeInputException>(() => MetadataInput.From(new Hashtable { ["k"] = new Hashtable { ["inner"] = 1 } }));
        var list = Assert.Throws<StripeInputException>(() => MetadataInput.From(new Hashtable { ["tags"] = new[] { "a", "b" } }));

        Assert.Equal("metadata[k]", nested.ParamName);
        Assert.StartsWith("The value of metadata key 'k' is a hashtable; metadata values must be text, numbers, booleans or dates.", nested.Message);
        Assert.StartsWith("The value of metadata key 'tags' is a list;", list.Message);
        Assert.Equal(
            new Dictionary<string, string?> { ["n"] = "12.5", ["b"] = "true", ["s"] = "x", ["gone"] = null },
            MetadataInput.From(new Hashtable { ["n"] = 12.5m, ["b"] = true, ["s"] = "x", ["gone"] = null }));
    }

    [Fact]
    public void An_empty_created_range_is_reported_as_empty()
    {
        var now = DateTimeOffset.UtcNow;

        Assert.True(new CreatedFilter { GreaterThan = now, LessThan = now.AddDays(-1) }.IsEmpty);
        Assert.False(new CreatedFilter { GreaterThanOrEqual = now.AddDays(-1), LessThan = now }.IsEmpty);
    }
}
