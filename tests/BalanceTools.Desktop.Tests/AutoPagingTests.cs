using BalanceTools.Client;

namespace BalanceTools.Desktop.Tests;

[Collection(FakeStripeCollection.Name)]
public sealed class AutoPagingTests(FakeStripeProcess stripe)
{
    [Fact]
    public async Task Forward_paging_over_four_pages_yields_every_object_once_newest_first()
    {
        var customer = await stripe.CreateCustomerAsync(350);
        var newestFirst = await stripe.TransactionIdsAsync(customer);
        await stripe.ForgetRequestsAsync();
        using var desktop = new DesktopClient(stripe);

        var streamed = await desktop.Client.ListAutoPagingAsync(customer).ToListAsync();

        Assert.Equal(newestFirst, streamed.Select(t => t.Id));
        var requests = await stripe.RequestsAsync(customer);
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.StartsWith("limit=100", r.Query));
        Assert.Equal("limit=100&starting_after=" + newestFirst[99], requests[1].Query);
    }

    [Fact]
    public async Task Backward_paging_from_ending_before_yields_oldest_to_newest_across_pages()
    {
        var customer = await stripe.CreateCustomerAsync(40);
        var oldestFirst = (await stripe.TransactionIdsAsync(customer)).Reverse().ToList();
        await stripe.ForgetRequestsAsync();
        using var desktop = new DesktopClient(stripe);

        var streamed = await desktop.Client.ListAutoPagingAsync(customer, new ListOptions { EndingBefore = oldestFirst[3], Limit = 7 }).ToListAsync();

        Assert.Equal(oldestFirst.Skip(4), streamed.Select(t => t.Id));
        var requests = await stripe.RequestsAsync(customer);
        Assert.Equal(6, requests.Count);
        Assert.All(requests, r => Assert.Contains("ending_before=", r.Query));
    }

    [Fact]
    public async Task A_consumer_that_stops_after_five_objects_causes_exactly_one_request()
    {
        var customer = await stripe.CreateCustomerAsync(300);
        using var desktop = new DesktopClient(stripe);

        var firstFive = new List<CustomerBalanceTransaction>();
        await foreach (var transaction in desktop.Client.ListAutoPagingAsync(customer))
        {
            firstFive.Add(transaction);
            if (firstFive.Count == 5)
            {
                break;
            }
        }

        await Task.Delay(200);
        Assert.Equal(5, firstFive.Count);
        Assert.Single(await stripe.RequestsAsync(customer));
    }

    [Fact]
    public async Task Prefetch_sends_the_next_request_while_the_consumer_is_still_inside_the_page()
    {
        var customer = await stripe.CreateCustomerAsync(30);
        using var desktop = new DesktopClient(stripe);
        await stripe.SetLatencyAsync(TimeSpan.FromMilliseconds(100));
        try
        {
            var requestsNearPageEnd = new List<int>();
            var consumed = 0;
            await foreach (var _ in desktop.Client.ListAutoPagingAsync(customer, new ListOptions { Limit = 10 }))
            {
                consumed++;
                if (consumed % 10 == 9)
                {
                    // Still inside the page: a request that arrives now was sent before the consumer asked for more.
                    var expected = Math.Min(consumed / 10 + 2, 3);
                    var deadline = DateTime.UtcNow.AddSeconds(2);
                    int seen;
                    while ((seen = (await stripe.RequestsAsync(customer)).Count) < expected && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(10);
                    }

                    requestsNearPageEnd.Add(seen);
                }
            }

            Assert.Equal(30, consumed);
            Assert.Equal(new[] { 2, 3, 3 }, requestsNearPageEnd);
        }
        finally
        {
            await stripe.SetLatencyAsync(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task Cancelling_stops_paging_and_abandons_the_prefetch()
    {
        var customer = await stripe.CreateCustomerAsync(500);
        using var desktop = new DesktopClient(stripe);
        using var cancellation = new CancellationTokenSource();

        var consumed = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in desktop.Client.ListAutoPagingAsync(customer, cancellationToken: cancellation.Token))
            {
                if (++consumed == 150)
                {
                    cancellation.Cancel();
                }
            }
        });

        await Task.Delay(200);
        Assert.Equal(150, consumed);
        Assert.InRange((await stripe.RequestsAsync(customer)).Count, 2, 3);
    }

    [Fact]
    public async Task A_page_that_fails_after_its_retries_reaches_the_consumer_after_the_earlier_objects_with_where_to_resume()
    {
        var customer = await stripe.CreateCustomerAsync(250);
        var newestFirst = await stripe.TransactionIdsAsync(customer);
        using var desktop = new DesktopClient(stripe, o => o.MaxNetworkRetries = 1);
        await stripe.InjectAsync(customer, "kind=status&status=500", count: 2, method: "GET", queryContains: "starting_after=" + newestFirst[99]);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<StripeException>(async () =>
        {
            await foreach (var transaction in desktop.Client.ListAutoPagingAsync(customer))
            {
                received.Add(transaction.Id);
            }
        });
        var rest = await desktop.Client.ListAutoPagingAsync(customer, new ListOptions { StartingAfter = error.ResumeStartingAfter }).ToListAsync();

        Assert.Equal(100, received.Count);
        Assert.Equal(500, error.HttpStatus);
        Assert.Equal(newestFirst[99], error.ResumeStartingAfter);
        Assert.Null(error.ResumeEndingBefore);
        Assert.Equal(newestFirst, received.Concat(rest.Select(t => t.Id)));
    }
}
