using BalanceTools.FakeStripe;

namespace BalanceTools.Client.Tests;

public sealed class AutoPagingTests
{
    [Fact]
    public async Task Forward_paging_over_more_than_three_pages_yields_every_object_once_newest_first()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var ids = stripe.Server.Store.Seed(stripe.Customer, 350);

        var streamed = await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer));

        Assert.Equal(ids.Reverse(), streamed.Select(t => t.Id));
        Assert.Equal(4, stripe.Server.Requests.Count);
        Assert.All(stripe.Requests, r => Assert.StartsWith("limit=100", r.RawQuery));
        Assert.Equal("limit=100&starting_after=" + ids[250], stripe.Requests[1].RawQuery);
    }

    [Fact]
    public async Task Backward_paging_from_ending_before_yields_oldest_to_newest_across_pages()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var ids = stripe.Server.Store.Seed(stripe.Customer, 40);

        var streamed = await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { EndingBefore = ids[3], Limit = 7 }));

        Assert.Equal(ids.Skip(4), streamed.Select(t => t.Id));
        Assert.Equal(6, stripe.Server.Requests.Count);
        Assert.All(stripe.Requests, r => Assert.Contains("ending_before=", r.RawQuery));
    }

    [Fact]
    public async Task A_caller_page_size_is_used_for_every_page()
    {
        await using var stripe = await StripeFixture.StartAsync();
        var ids = stripe.Server.Store.Seed(stripe.Customer, 23);

        var streamed = await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Limit = 5 }));

        Assert.Equal(ids.Reverse(), streamed.Select(t => t.Id));
        Assert.Equal(5, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task A_consumer_that_stops_after_five_objects_causes_exactly_one_request()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 1_000);

        var firstFive = new List<CustomerBalanceTransaction>();
        await foreach (var transaction in stripe.Client.ListAutoPagingAsync(stripe.Customer))
        {
            firstFive.Add(transaction);
            if (firstFive.Count == 5)
            {
                break;
            }
        }

        await Task.Delay(200);
        Assert.Equal(5, firstFive.Count);
        Assert.Equal(1, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task Prefetch_runs_at_most_one_page_ahead_of_a_slow_consumer()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 60);
        stripe.Server.Latency = TimeSpan.FromMilliseconds(20);
        var pagesAheadSeen = new List<int>();

        var consumed = 0;
        await foreach (var _ in stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Limit = 10 }))
        {
            consumed++;
            await Task.Delay(5);
            var pagesConsumed = (consumed + 9) / 10;
            pagesAheadSeen.Add(stripe.Server.Requests.Count - pagesConsumed);
            Assert.True(stripe.Server.Requests.InFlight <= 1, "more than one page request was in flight");
        }

        Assert.Equal(60, consumed);
        Assert.All(pagesAheadSeen, ahead => Assert.InRange(ahead, 0, 1));
        Assert.Contains(1, pagesAheadSeen);
        Assert.Equal(6, stripe.Server.Requests.Count);
    }

    [Fact]
    public async Task Prefetch_overlaps_the_next_request_with_the_consumers_work()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 30);
        stripe.Server.Latency = TimeSpan.FromMilliseconds(100);

        var requestsWhenPageEnded = new List<int>();
        var consumed = 0;
        await foreach (var _ in stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Limit = 10 }))
        {
            consumed++;
            if (consumed % 10 == 9)
            {
                // Still inside the page: a request that arrives now was sent before the consumer asked for more.
                var deadline = DateTime.UtcNow.AddSeconds(2);
                while (stripe.Server.Requests.Count < Math.Min(consumed / 10 + 2, 3) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(10);
                }

                requestsWhenPageEnded.Add(stripe.Server.Requests.Count);
            }
        }

        Assert.Equal(new[] { 2, 3, 3 }, requestsWhenPageEnded);
    }

    [Fact]
    public async Task Cancelling_stops_paging_and_abandons_the_prefetch()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.Store.Seed(stripe.Customer, 500);
        using var cancellation = new CancellationTokenSource();

        var consumed = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in stripe.Client.ListAutoPagingAsync(stripe.Customer, cancellationToken: cancellation.Token))
            {
                if (++consumed == 150)
                {
                    cancellation.Cancel();
                }
            }
        });

        Assert.InRange(stripe.Server.Requests.Count, 2, 3);
    }

    [Fact]
    public async Task Paging_stops_on_an_empty_page_that_claims_more()
    {
        var pages = new Queue<StripeList<CustomerBalanceTransaction>>(new[]
        {
            Page(hasMore: true, "cbtxn_3", "cbtxn_2"),
            Page(hasMore: true),
            Page(hasMore: false, "cbtxn_never"),
        });
        var requests = 0;
        var pager = new AutoPager<CustomerBalanceTransaction>((_, _) =>
        {
            requests++;
            return Task.FromResult(pages.Dequeue());
        });

        var ids = await ListTests.ToListAsync(pager.StreamAsync(new ListOptions(), CancellationToken.None));

        Assert.Equal(new[] { "cbtxn_3", "cbtxn_2" }, ids.Select(t => t.Id));
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task Paging_stops_on_a_cursor_seen_before()
    {
        var requested = new List<string?>();
        var pager = new AutoPager<CustomerBalanceTransaction>((options, _) =>
        {
            requested.Add(options.StartingAfter);
            return Task.FromResult(options.StartingAfter == "cbtxn_b"
                ? Page(hasMore: true, "cbtxn_c", "cbtxn_d")
                : Page(hasMore: true, "cbtxn_a", "cbtxn_b"));
        });

        var ids = await ListTests.ToListAsync(pager.StreamAsync(new ListOptions { Limit = 2 }, CancellationToken.None));

        Assert.Equal(new string?[] { null, "cbtxn_b", "cbtxn_d" }, requested);
        Assert.Equal(new[] { "cbtxn_a", "cbtxn_b", "cbtxn_c", "cbtxn_d", "cbtxn_a", "cbtxn_b" }, ids.Select(t => t.Id));
    }

    [Fact]
    public async Task Paging_is_iterative_so_a_very_long_list_does_not_grow_the_stack()
    {
        var served = 0;
        var pager = new AutoPager<CustomerBalanceTransaction>((options, _) =>
        {
            served++;
            var id = "cbtxn_" + served;
            return Task.FromResult(Page(hasMore: served < 20_000, id));
        });

        var count = 0;
        await foreach (var _ in pager.StreamAsync(new ListOptions { Limit = 1 }, CancellationToken.None))
        {
            count++;
        }

        Assert.Equal(20_000, count);
    }

    [Fact]
    public async Task An_error_on_a_later_page_reaches_the_consumer_after_the_earlier_objects()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 0);
        stripe.Server.Store.Seed(stripe.Customer, 30);

        var consumed = 0;
        var error = await Assert.ThrowsAsync<StripeException>(async () =>
        {
            await foreach (var _ in stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { Limit = 10 }))
            {
                if (++consumed == 1)
                {
                    stripe.Server.Faults.Enqueue(Fault.Status(400, "invalid_request_error", "resource_missing", "Gone"));
                }
            }
        });

        Assert.Equal(10, consumed);
        Assert.Equal(400, error.HttpStatus);
    }

    private static StripeList<CustomerBalanceTransaction> Page(bool hasMore, params string[] ids) =>
        new(ids.Select(id => new CustomerBalanceTransaction { Id = id }).ToList(), hasMore, null);

    [Fact]
    public async Task A_page_that_fails_after_its_retries_says_where_forward_paging_can_resume()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 1);
        stripe.Server.Store.Seed(stripe.Customer, 250);
        var all = await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer));
        stripe.Server.Faults.Enqueue(Fault.Status(500), "GET", queryContains: "starting_after=" + all[99].Id);
        stripe.Server.Faults.Enqueue(Fault.Status(500), "GET", queryContains: "starting_after=" + all[99].Id);
        var received = new List<string>();

        var error = await Assert.ThrowsAsync<StripeException>(async () =>
        {
            await foreach (var transaction in stripe.Client.ListAutoPagingAsync(stripe.Customer))
            {
                received.Add(transaction.Id);
            }
        });
        var rest = await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { StartingAfter = error.ResumeStartingAfter }));

        Assert.Equal(100, received.Count);
        Assert.Equal(all[99].Id, error.ResumeStartingAfter);
        Assert.Null(error.ResumeEndingBefore);
        Assert.Equal(all.Select(t => t.Id), received.Concat(rest.Select(t => t.Id)));
    }

    [Fact]
    public async Task A_failure_before_anything_arrived_resumes_from_the_cursor_the_listing_started_at()
    {
        await using var stripe = await StripeFixture.StartAsync(o => o.MaxNetworkRetries = 0);
        stripe.Server.Store.Seed(stripe.Customer, 30);
        var all = await ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer));
        stripe.Server.Faults.Enqueue(Fault.Status(503));

        var backward = await Assert.ThrowsAsync<StripeException>(() => ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer, new ListOptions { EndingBefore = all[^1].Id })));
        stripe.Server.Faults.Enqueue(Fault.Status(503));
        var fresh = await Assert.ThrowsAsync<StripeException>(() => ListTests.ToListAsync(stripe.Client.ListAutoPagingAsync(stripe.Customer)));

        Assert.Equal(all[^1].Id, backward.ResumeEndingBefore);
        Assert.Null(backward.ResumeStartingAfter);
        Assert.Null(fresh.ResumeStartingAfter);
        Assert.Null(fresh.ResumeEndingBefore);
    }
}
