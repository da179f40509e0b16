namespace BalanceTools.Client.Tests;

public sealed class ListTests
{
    private const long FirstCreated = 1_700_000_000;

    [Fact]
    public async Task A_page_is_newest_first_with_stripes_default_of_ten_and_has_more()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var ids = stripe.Server.Store.Seed(stripe.Customer, 25, firstCreated: FirstCreated);

        var page = await stripe.Client.ListAsync(stripe.Customer);

        Assert.True(page.HasMore);
        Assert.Equal(ids.Reverse().Take(10), page.Data.Select(t => t.Id));
        Assert.Equal("/v1/customers/" + stripe.Customer + "/balance_transactions", page.Url);
    }

    [Fact]
    public async Task Starting_after_and_ending_before_move_to_the_next_and_previous_page()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var newestFirst = stripe.Server.Store.Seed(stripe.Customer, 30, firstCreated: FirstCreated).Reverse().ToList();

        var next = await stripe.Client.ListAsync(stripe.Customer, new ListOptions { Limit = 5, StartingAfter = newestFirst[9] });
        var previous = await stripe.Client.ListAsync(stripe.Customer, new ListOptions { Limit = 5, EndingBefore = newestFirst[9] });

        Assert.Equal(newestFirst.Skip(10).Take(5), next.Data.Select(t => t.Id));
        Assert.Equal(newestFirst.Skip(4).Take(5), previous.Data.Select(t => t.Id));
        Assert.True(previous.HasMore);
    }

    [Theory]
    [InlineData("gt", 10, 19)]
    [InlineData("gte", 10, 20)]
    [InlineData("lt", 10, 10)]
    [InlineData("lte", 10, 11)]
    public async Task Each_created_operator_filters_by_unix_seconds(string op, int boundaryIndex, int expectedCount)
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 30, firstCreated: FirstCreated);
        var boundary = DateTimeOffset.FromUnixTimeSeconds(FirstCreated + boundaryIndex);
        var filter = op switch
        {
            "gt" => new CreatedFilter { GreaterThan = boundary },
            "gte" => new CreatedFilter { GreaterThanOrEqual = boundary },
            "lt" => new CreatedFilter { LessThan = boundary },
            _ => new CreatedFilter { LessThanOrEqual = boundary },
        };

        var all = await ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Created = filter }));

        Assert.Equal(expectedCount, all.Count);
        Assert.Equal($"created[{op}]={FirstCreated + boundaryIndex}", Assert.Single(stripe.Requests).RawQuery.Split('&')[1]);
    }

    [Fact]
    public async Task Fractional_second_bounds_are_rounded_to_keep_exactly_the_described_range()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 30, firstCreated: FirstCreated);
        var boundary = DateTimeOffset.FromUnixTimeSeconds(FirstCreated + 10).AddMilliseconds(500);

        var atOrAfter = await ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Created = new CreatedFilter { GreaterThanOrEqual = boundary } }));
        var atOrBefore = await ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Created = new CreatedFilter { LessThanOrEqual = boundary } }));

        Assert.All(atOrAfter, t => Assert.True(t.Created >= boundary));
        Assert.All(atOrBefore, t => Assert.True(t.Created <= boundary));
        Assert.Equal(30, atOrAfter.Count + atOrBefore.Count);
    }

    [Fact]
    public async Task Created_comes_back_as_utc_and_the_range_filter_combines_bounds()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 30, firstCreated: FirstCreated);
        var range = new CreatedFilter
        {
            GreaterThanOrEqual = DateTimeOffset.FromUnixTimeSeconds(FirstCreated + 5),
            LessThan = DateTimeOffset.FromUnixTimeSeconds(FirstCreated + 8),
        };

        var page = await stripe.Client.ListAsync(stripe.Customer, new ListOptions { Created = range });

        Assert.Equal(new[] { FirstCreated + 7, FirstCreated + 6, FirstCreated + 5 }, page.Data.Select(t => t.Created.ToUnixTimeSeconds()));
        Assert.All(page.Data, t => Assert.Equal(TimeSpan.Zero, t.Created.Offset));
    }

    [Fact]
    public async Task The_invoice_filter_returns_only_that_invoices_transactions()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 40, firstCreated: FirstCreated, invoiceFor: i => i % 4 == 0 ? "in_target" : i % 4 == 1 ? "in_other" : null);

        var matches = await ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Invoice = "in_target", Limit = 3 }));

        Assert.Equal(10, matches.Count);
        Assert.All(matches, t => Assert.Equal("in_target", t.Invoice));
    }

    [Fact]
    public async Task Expanded_fields_are_still_usable_as_ids_and_carry_the_full_object()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 3, firstCreated: FirstCreated, invoiceFor: _ => "in_42");
        var options = new ListOptions();
        options.Expand.Add("data.customer");
        options.Expand.Add("data.invoice");

        var page = await stripe.Client.ListAsync(stripe.Customer, options);
        var plain = await stripe.Client.RetrieveAsync(stripe.Customer, page.Data[0].Id);

        var expanded = page.Data[0];
        Assert.Equal(stripe.Customer, expanded.Customer);
        Assert.Equal("in_42", expanded.Invoice);
        Assert.Equal("customer", expanded.ExpandedCustomer!.Object);
        Assert.Equal(stripe.Customer, expanded.ExpandedCustomer.Fields["id"]);
        Assert.Equal("invoice", expanded.ExpandedInvoice!.Object);
        Assert.Equal(stripe.Customer, plain.Customer);
        Assert.Null(plain.ExpandedCustomer);
    }

    [Fact]
    public async Task A_page_can_be_empty()
    {
        await using var stripe = await StripeFixture.StartAsync();

        var page = await stripe.Client.ListAsync(stripe.Customer);

        Assert.Empty(page.Data);
        Assert.False(page.HasMore);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
