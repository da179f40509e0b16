namespace BalanceTools.Client.Tests;

public sealed class RequestSlotsTests
{
    [Fact]
    public async Task Waiters_are_served_earlier_customer_first_then_newer_slice_first_then_in_arrival_order()
    {
        var slots = new RequestSlots(() => 1);
        var held = await slots.AcquireAsync(new RequestPriority(0, long.MaxValue), CancellationToken.None);
        var served = new List<string>();
        var waiting = new[]
        {
            Wait(slots, served, "customer 2", new RequestPriority(2, long.MaxValue)),
            Wait(slots, served, "customer 1, older slice", new RequestPriority(1, 100)),
            Wait(slots, served, "customer 1, newer slice", new RequestPriority(1, 200)),
            Wait(slots, served, "customer 1, newer slice, second", new RequestPriority(1, 200)),
        };

        held.Dispose();
        await Task.WhenAll(waiting);

        Assert.Equal(new[] { "customer 1, newer slice", "customer 1, newer slice, second", "customer 1, older slice", "customer 2" }, served);
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public async Task The_number_of_places_follows_the_limit_as_it_changes()
    {
        var limit = 2;
        var slots = new RequestSlots(() => limit);
        var first = await slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        var second = await slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        var third = slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        Assert.False(third.IsCompleted);

        limit = 3;
        var fourth = slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        first.Dispose();
        (await third).Dispose();
        (await fourth).Dispose();
        Assert.Equal(1, slots.InUse);

        limit = 1;
        var fifth = slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        Assert.False(fifth.IsCompleted);
        second.Dispose();
        (await fifth).Dispose();
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public async Task An_idle_place_goes_to_new_work_only_after_every_waiter_was_served()
    {
        var limit = 1;
        var slots = new RequestSlots(() => limit);
        var held = await slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        Assert.Null(slots.TryAcquireIdle());
        var waiting = slots.AcquireAsync(new RequestPriority(5, 0), CancellationToken.None);

        limit = 2;
        Assert.Null(slots.TryAcquireIdle());
        Assert.True(waiting.IsCompletedSuccessfully);

        limit = 3;
        var idle = slots.TryAcquireIdle();
        Assert.NotNull(idle);
        Assert.Equal(3, slots.InUse);

        idle!.Dispose();
        idle.Dispose();
        held.Dispose();
        (await waiting).Dispose();
        Assert.Equal(0, slots.InUse);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_queue_and_the_place_goes_to_the_next()
    {
        var slots = new RequestSlots(() => 1);
        var held = await slots.AcquireAsync(new RequestPriority(0, 0), CancellationToken.None);
        using var cancellation = new CancellationTokenSource();
        var cancelled = slots.AcquireAsync(new RequestPriority(0, 0), cancellation.Token);
        var next = slots.AcquireAsync(new RequestPriority(1, 0), CancellationToken.None);

        cancellation.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        held.Dispose();
        (await next).Dispose();
        Assert.Equal(0, slots.InUse);
    }

    private static async Task Wait(RequestSlots slots, List<string> served, string name, RequestPriority priority)
    {
        using var slot = await slots.AcquireAsync(priority, CancellationToken.None);
        lock (served)
        {
            served.Add(name);
        }
    }
}
