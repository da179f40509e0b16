using System.Globalization;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// The pipelines users type over the output, with PowerShell's own cmdlets downstream: Select-Object -First stopping
/// the listing upstream, and Where-Object, Sort-Object, Group-Object and Measure-Object over typed objects.
/// </summary>
public sealed class UserPipelineTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(500)]
    [InlineData(3_000)]
    public async Task Select_Object_First_5_stops_the_listing_upstream_after_one_request(int transactions)
    {
        // 3,000 is big enough to be sliced: slicing starts only once the pipeline took a tenth of the first page.
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(20));
        var customer = session.Customer(transactions);
        session.SetVariable("Customer", customer);

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All | Select-Object -First 5").AssertClean();
        await Task.Delay(300);
        var requests = session.Server.Requests.Count;

        Assert.Equal(1, requests);
        Assert.Equal(session.Server.TransactionIdsNewestFirst(customer).Take(5), result.Ids());
    }

    [Fact]
    public async Task Select_Object_First_on_a_checkpointed_export_then_a_rerun_gives_the_rest_without_repeating_a_row()
    {
        await using var session = await HostedSession.StartAsync();
        var customers = session.Server.Store.SeedCustomers(Enumerable.Range(0, 25).Select(i => i * 41 % 240).ToArray());
        session.SetVariable("Checkpoint", folder.File("first.json"));

        var first = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint | Select-Object -First 777").AssertClean();
        var rest = session.Run("Get-CustomerBalanceTransaction -AllCustomers -CheckpointPath $Checkpoint").AssertClean();

        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(777, first.Output.Count);
        Assert.Equal(expected, first.Ids().Concat(rest.Ids()));
    }

    [Fact]
    public async Task Where_Sort_Group_and_Measure_work_on_the_typed_output()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(230);
        session.SetVariable("Customer", customer);
        var stored = session.Server.TransactionIdsNewestFirst(customer).Select(id => session.Server.Store.FindTransaction(customer, id)!).ToList();

        var result = session.Run("""
            $all = Get-CustomerBalanceTransaction $Customer -All
            ($all | Where-Object Amount -LT 0 | Measure-Object).Count
            ($all | Measure-Object -Property Amount -Sum).Sum
            ($all | Sort-Object -Property Created | Select-Object -First 1).Id
            $all | Group-Object -Property Type | ForEach-Object { '{0}={1}' -f $_.Name, $_.Count }
            """).AssertClean();

        Assert.Equal(stored.Count(t => t.Amount < 0), Convert.ToInt32(result.Output[0].BaseObject, CultureInfo.InvariantCulture));
        Assert.Equal((double)stored.Sum(t => t.Amount), Convert.ToDouble(result.Output[1].BaseObject, CultureInfo.InvariantCulture));
        Assert.Equal(stored.MinBy(t => t.Created)!.Id, result.Output[2].ToString());
        var groups = stored.GroupBy(t => t.Type).Select(g => $"{g.Key}={g.Count()}").Order(StringComparer.Ordinal);
        Assert.Equal(groups, result.Output.Skip(3).Select(o => o.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_created_range_with_Where_Object_agrees_with_the_server_side_filter()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer();
        var first = session.Server.Store.CustomerCreated(customer) + 60;
        session.Server.Store.Seed(customer, 300, firstCreated: first, spacingSeconds: 60);
        session.SetVariable("Customer", customer);
        session.SetVariable("Since", first + (150 * 60));

        var result = session.Run("""
            $since = [DateTimeOffset]::FromUnixTimeSeconds($Since)
            $filtered = Get-CustomerBalanceTransaction $Customer -All -CreatedOnOrAfter $Since
            $local = Get-CustomerBalanceTransaction $Customer -All | Where-Object Created -GE $since
            Compare-Object -ReferenceObject $filtered.Id -DifferenceObject $local.Id -SyncWindow 0 | Measure-Object | ForEach-Object Count
            $filtered.Count
            """).AssertClean();

        Assert.Equal(0, (int)result.Output[0].BaseObject);
        Assert.Equal(300 - 150, (int)result.Output[1].BaseObject);
    }
}
