using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class ListTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task A_page_is_newest_first_with_stripes_default_of_ten_and_has_more()
    {
        var customer = await stripe.CreateCustomerAsync(25);
        var newestFirst = await stripe.TransactionIdsAsync(customer);
        using var desktop = new DesktopClient(stripe);

        var page = await desktop.Client.ListAsync(customer);

        Assert.True(page.HasMore);
        Assert.Equal(newestFirst.Take(10), page.Data.Select(t => t.Id));
        Assert.Equal("/v1/customers/" + customer + "/balance_transactions", page.Url);
        Assert.All(page.Data, t => Assert.Equal(customer, t.Customer));
    }

    [Fact]
    public async Task Starting_after_and_ending_before_move_to_the_next_and_previous_page()
    {
        var customer = await stripe.CreateCustomerAsync(30);
        var newestFirst = await stripe.TransactionIdsAsync(customer);
        using var desktop = new DesktopClient(stripe);

        var next = await desktop.Client.ListAsync(customer, new ListOptions { Limit = 5, StartingAfter = newestFirst[9] });
        var previous = await desktop.Client.ListAsync(customer, new ListOptions { Limit = 5, EndingBefore = newestFirst[9] });

        Assert.Equal(newestFirst.Skip(10).Take(5), next.Data.Select(t => t.Id));
        Assert.Equal(newestFirst.Skip(4).Take(5), previous.Data.Select(t => t.Id));
        Assert.True(previous.HasMore);
    }

    [Fact]
    public async Task Created_bounds_go_out_as_unix_seconds_in_bracket_notation_and_select_that_range()
    {
        var customer = await stripe.CreateCustomerAsync(30);
        using var desktop = new DesktopClient(stripe);
        var all = await desktop.Client.ListAutoPagingAsync(customer).ToListAsync();
        var from = all[20].Created;
        var until = all[10].Created;
        await stripe.ForgetRequestsAsync();
        var options = new ListOptions { Limit = 100, Created = new CreatedFilter { GreaterThanOrEqual = from, LessThan = until } };
        options.Expand.Add("data.invoice");

        var page = await desktop.Client.ListAsync(customer, options);

        Assert.Equal(all.Where(t => t.Created >= from && t.Created < until).Select(t => t.Id), page.Data.Select(t => t.Id));
        Assert.NotEmpty(page.Data);
        Assert.All(page.Data, t => Assert.Equal(TimeSpan.Zero, t.Created.Offset));
        var request = Assert.Single(await stripe.RequestsAsync(customer));
        Assert.Equal($"limit=100&created[gte]={from.ToUnixTimeSeconds()}&created[lt]={until.ToUnixTimeSeconds()}&expand[0]=data.invoice", request.Query);
    }

    [Fact]
    public async Task Retrieve_returns_one_transaction_and_can_expand_its_customer()
    {
        var customer = await stripe.CreateCustomerAsync(3);
        var id = (await stripe.TransactionIdsAsync(customer))[1];
        using var desktop = new DesktopClient(stripe);
        var expand = new RetrieveOptions();
        expand.Expand.Add("customer");

        var plain = await desktop.Client.RetrieveAsync(customer, id);
        var expanded = await desktop.Client.RetrieveAsync(customer, id, expand);

        Assert.Equal(id, plain.Id);
        Assert.Equal(customer, plain.Customer);
        Assert.Null(plain.ExpandedCustomer);
        Assert.Equal(customer, expanded.Customer);
        Assert.Equal("customer", expanded.ExpandedCustomer!.Object);
        Assert.Equal(customer, expanded.ExpandedCustomer.Fields["id"]);
        Assert.IsType<long>(expanded.ExpandedCustomer.Fields["balance"]);
    }

    [Fact]
    public async Task A_page_can_be_empty()
    {
        var customer = await stripe.CreateCustomerAsync();
        using var desktop = new DesktopClient(stripe);

        var page = await desktop.Client.ListAsync(customer);

        Assert.Empty(page.Data);
        Assert.False(page.HasMore);
    }
}
