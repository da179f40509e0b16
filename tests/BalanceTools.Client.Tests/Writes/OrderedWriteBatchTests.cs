namespace BalanceTools.Client.Tests;

public sealed class OrderedWriteBatchTests
{
    [Fact]
    public async Task Outcomes_come_in_the_order_rows_were_added_whatever_order_the_writes_finish_in()
    {
        await using var batch = new OrderedWriteBatch<int>(3, CancellationToken.None);
        var writes = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        for (var i = 0; i < 3; i++)
        {
            var write = writes[i];
            batch.Add(Row(i + 1), _ => write.Task);
        }

        writes[2].SetResult(30);
        writes[1].SetException(new InvalidOperationException("second failed"));
        await Eventually.WaitUntilAsync(() => batch.AnyFailed);
        Assert.Null(await batch.NextAsync(wait: false));
        writes[0].SetResult(10);

        var first = await batch.NextAsync(wait: true);
        var second = await batch.NextAsync(wait: true);
        var third = await batch.NextAsync(wait: true);

        Assert.Equal((1, 10), (first!.Row.Position, first.Result));
        Assert.Equal(2, second!.Row.Position);
        Assert.Equal("second failed", second.Failure!.Message);
        Assert.Equal((3, 30), (third!.Row.Position, third.Result));
        Assert.Null(await batch.NextAsync(wait: true));
    }

    [Fact]
    public async Task No_more_than_the_throttle_limit_of_rows_are_under_way_or_unread_at_once()
    {
        await using var batch = new OrderedWriteBatch<int>(2, CancellationToken.None);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        batch.Add(Row(1), _ => release.Task);
        batch.Add(Row(2), _ => Task.FromResult(2));

        Assert.False(batch.HasRoom);
        Assert.Throws<InvalidOperationException>(() => batch.Add(Row(3), _ => Task.FromResult(3)));
        release.SetResult(1);
        Assert.Equal(1, (await batch.NextAsync(wait: true))!.Result);
        Assert.True(batch.HasRoom);
    }

    [Fact]
    public async Task Cancelling_stops_the_writes_under_way_and_the_rows_not_read_stay_named()
    {
        using var stop = new CancellationTokenSource();
        await using var batch = new OrderedWriteBatch<int>(4, stop.Token);
        batch.Add(Row(1), _ => Task.FromResult(1));
        batch.Add(Row(2), Forever);
        batch.Add(Row(3), Forever);

        Assert.Equal(1, (await batch.NextAsync(wait: true))!.Result);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await batch.NextAsync(wait: true, stop.Token));
        Assert.Equal(new[] { 2, 3 }, batch.Unread.Select(row => row.Position));
        Assert.Equal("key-3", batch.Unread[1].IdempotencyKey);
    }

    [Fact]
    public async Task Many_creates_sent_concurrently_to_a_server_answering_out_of_order_come_back_in_order_each_created_once()
    {
        await using var stripe = await StripeFixture.StartAsync();
        stripe.Server.LatencyJitter = TimeSpan.FromMilliseconds(30);
        var keys = new RowIdempotencyKeys("batch-test");
        await using var batch = new OrderedWriteBatch<CustomerBalanceTransaction>(8, CancellationToken.None);
        var results = new List<CustomerBalanceTransaction>();
        for (var i = 1; i <= 120; i++)
        {
            var options = stripe.Usd(-i, $"row {i}");
            var key = keys.ForCreate(stripe.Customer, options);
            if (!batch.HasRoom)
            {
                results.Add((await batch.NextAsync(wait: true))!.Result);
            }

            batch.Add(new WriteRow(i, key, stripe.Customer), token => stripe.Client.CreateAsync(stripe.Customer, options, new RequestOptions { IdempotencyKey = key }, token));
        }

        while (await batch.NextAsync(wait: true) is { } outcome)
        {
            results.Add(outcome.Result);
        }

        Assert.Equal(Enumerable.Range(1, 120).Select(i => $"row {i}"), results.Select(t => t.Description));
        Assert.Equal(120, stripe.Server.Store.CountTransactions(stripe.Customer));
        Assert.True(stripe.Server.Requests.Snapshot().Max(r => r.ReceivedAt) > stripe.Server.Requests.Snapshot().Min(r => r.ReceivedAt));
    }

    private static WriteRow Row(int position) => new(position, "key-" + position, "cus_test");

    private static async Task<int> Forever(CancellationToken token)
    {
        await Task.Delay(Timeout.Infinite, token);
        return 0;
    }
}
