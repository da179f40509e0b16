using static BalanceTools.Hosted.Tests.Rows;

namespace BalanceTools.Hosted.Tests;

/// <summary>Every parameter set bound the ways users type it: positional, named, aliases, pipeline by value and by property name.</summary>
public sealed class BindingTests
{
    [Fact]
    public async Task Positional_arguments_bind_customer_then_id_then_amount_and_currency()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(12);
        session.SetVariable("Customer", customer);

        var page = session.Run("Get-CustomerBalanceTransaction $Customer").AssertClean();
        session.SetVariable("Id", page.Ids()[3]);
        var one = session.Run("Get-CustomerBalanceTransaction $Customer $Id").AssertClean();
        var created = session.Run("New-CustomerBalanceTransaction $Customer -250 USD -Description 'Goodwill'").AssertClean();
        session.SetVariable("NewId", created.Ids().Single());
        var updated = session.Run("Set-CustomerBalanceTransaction $Customer $NewId -Description 'Goodwill credit'").AssertClean();

        Assert.Equal(10, page.Output.Count);
        Assert.Equal(page.Ids()[3], one.Ids().Single());
        Assert.Equal(-250L, created.Output[0].Properties["Amount"].Value);
        Assert.Equal("usd", created.Output[0].Properties["Currency"].Value);
        Assert.Equal("Goodwill credit", updated.Output[0].Properties["Description"].Value);
    }

    [Fact]
    public async Task Aliases_bind_like_the_names_they_stand_for()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer();
        session.Server.Store.Seed(customer, 5, firstCreated: 1_700_000_000, spacingSeconds: 10, invoiceFor: i => i == 2 ? "in_Target" : null);
        session.SetVariable("Customer", customer);

        var byInvoice = session.Run("Get-CustomerBalanceTransaction -CustomerId $Customer -InvoiceId in_Target").AssertClean();
        var since = session.Run("Get-CustomerBalanceTransaction -CustomerId $Customer -Since 1700000020 -Until 1700000030").AssertClean();
        var strict = session.Run("Get-CustomerBalanceTransaction -CustomerId $Customer -CreatedGt 1700000020 -CreatedLt 1700000040").AssertClean();
        session.SetVariable("Id", since.Ids()[0]);
        var byTransactionId = session.Run("Get-CustomerBalanceTransaction -CustomerId $Customer -TransactionId $Id").AssertClean();

        Assert.Equal("in_Target", byInvoice.Output.Single().Properties["Invoice"].Value);
        Assert.Equal(2, since.Output.Count);
        Assert.Single(strict.Output);
        Assert.Equal(since.Ids()[0], byTransactionId.Ids().Single());
        Assert.Contains("created[gte]=1700000020", session.Server.Requests.Snapshot()[1].RawQuery);
    }

    [Fact]
    public async Task Customer_ids_piped_by_value_are_listed_one_after_another()
    {
        await using var session = await HostedSession.StartAsync();
        var first = session.Customer(3);
        var second = session.Customer(2);

        var result = session.Run("$input | Get-CustomerBalanceTransaction -All", new object[] { first, second }).AssertClean();

        Assert.Equal(Enumerable.Repeat(first, 3).Concat(Enumerable.Repeat(second, 2)), result.Output.Select(o => (string)o.Properties["Customer"].Value));
    }

    [Fact]
    public async Task Csv_rows_bind_by_property_name_with_text_amounts_aliases_and_blank_cells()
    {
        await using var session = await HostedSession.StartAsync();
        var first = session.Customer();
        var second = session.Customer(currency: "eur");
        var rows = new object[]
        {
            Row(("Customer", first), ("Amount", "-500"), ("Currency", "usd"), ("Description", "Refund SUP-1"), ("IdempotencyKey", "row-1")),
            Row(("CustomerId", second), ("Amount", " 1250 "), ("Currency", "EUR"), ("Description", ""), ("IdempotencyKey", "")),
        };

        var result = session.Run("$input | New-CustomerBalanceTransaction", rows).AssertClean();
        // Rows are sent concurrently, so the requests are told apart by customer, not by the order they arrived in.
        var requests = session.Server.Requests.Snapshot();
        var posts = new[] { first, second }.Select(customer => requests.Single(r => r.RawPath.Contains(customer, StringComparison.Ordinal))).ToList();

        Assert.Equal(new[] { -500L, 1250L }, result.Output.Select(o => (long)o.Properties["Amount"].Value));
        Assert.Equal(new[] { first, second }, result.Output.Select(o => (string)o.Properties["Customer"].Value));
        Assert.Equal("row-1", posts[0].Headers["idempotency-key"]);
        Assert.False(string.IsNullOrEmpty(posts[1].Headers["idempotency-key"]), "a blank IdempotencyKey cell means one is generated");
        Assert.DoesNotContain("description", posts[1].RawBody);
        Assert.Null(result.Output[1].Properties["Description"].Value);
    }

    [Fact]
    public async Task Get_piped_to_Set_updates_each_transaction_it_lists()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(4);
        session.SetVariable("Customer", customer);

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -Limit 3 | Set-CustomerBalanceTransaction -Metadata @{ reviewed = 'yes'; batch = 7 }").AssertClean();

        Assert.Equal(3, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("yes", ((System.Collections.IDictionary)o.Properties["Metadata"].Value)["reviewed"]));
        Assert.All(session.Server.Requests.Snapshot().Skip(1), r => Assert.Equal(
            new[] { "metadata[batch]=7", "metadata[reviewed]=yes" },
            r.RawBody.Split('&').OrderBy(pair => pair, StringComparer.Ordinal)));
    }

    [Fact]
    public async Task Get_piped_to_Get_retrieves_each_object_by_customer_and_id()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(3));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer | Get-CustomerBalanceTransaction -Expand customer").AssertClean();

        Assert.Equal(3, result.Output.Count);
        Assert.All(session.Server.Requests.Snapshot().Skip(1), r => Assert.Contains("/balance_transactions/cbtxn_", r.RawPath));
        Assert.All(result.Output, o => Assert.NotNull(o.Properties["ExpandedCustomer"].Value));
    }

    [Fact]
    public async Task WhatIf_sends_nothing_for_create_and_update_and_needs_no_key()
    {
        await using var session = await HostedSession.StartAsync(connect: false);

        var result = session.Run("""
            New-CustomerBalanceTransaction cus_WhatIf01 -500 usd -WhatIf
            Set-CustomerBalanceTransaction cus_WhatIf01 cbtxn_WhatIf01 -Description 'x' -WhatIf
            [pscustomobject]@{ Customer = 'cus_WhatIf02'; Amount = '100'; Currency = 'usd' } | New-CustomerBalanceTransaction -WhatIf
            """).AssertClean();

        Assert.Empty(result.Output);
        Assert.Equal(0, session.Server.Requests.Count);
    }
}
