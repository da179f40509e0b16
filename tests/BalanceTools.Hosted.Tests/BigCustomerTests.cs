namespace BalanceTools.Hosted.Tests;

/// <summary>
/// A customer of thousands of transactions, as users meet it: piped into -All and Export-Csv, in a whole-account
/// export stopped by Ctrl+C and run again (Select-Object -First 5 of one is in UserPipelineTests). Its slices page
/// at once, and what comes out is exactly one listing.
/// </summary>
public sealed class BigCustomerTests : IDisposable
{
    private readonly ScratchFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_piped_big_customer_into_Export_Csv_gives_the_rows_of_one_listing_in_its_order_at_a_cost_of_one_lookup()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(15));
        var customer = session.Customer(2_600);
        var path = folder.File("big.csv");
        session.SetVariable("Customer", customer);
        session.SetVariable("Out", path);

        session.Run("$Customer | Get-CustomerBalanceTransaction -All | Export-Csv $Out -NoTypeInformation").AssertClean();
        var requests = session.Server.Requests.Snapshot();

        Assert.Equal(session.Server.TransactionIdsNewestFirst(customer), File.ReadAllLines(path).Skip(1).Select(line => line.Split(',')[0].Trim('"')));
        Assert.Single(requests, r => r.RawPath == "/v1/customers/" + customer);
        var pages = requests.Where(r => r.RawPath.EndsWith("/balance_transactions", StringComparison.Ordinal)).ToList();
        Assert.Contains(pages, r => Uri.UnescapeDataString(r.RawQuery).Contains("created[lte]=", StringComparison.Ordinal));
        // The session's customer is created a month before its transactions (seeded in the last 2,600 seconds), as
        // old customers with recent activity are: cuts into the empty month cost at most a request each for the
        // slices not yet heard from (TransactionSlicer.MostSlicesUnheardFrom, 8), then the density seen stops them.
        Assert.InRange(pages.Count, 26, 26 + (2 * 8));
    }

    [Fact]
    public async Task An_export_stopped_inside_a_sliced_customer_is_completed_by_the_next_run_with_every_row_once_in_order()
    {
        await using var session = await HostedSession.StartAsync(latency: TimeSpan.FromMilliseconds(10));
        var customers = session.Server.Store.SeedCustomers(new[] { 4, 0, 3_500, 9, 2 });
        var path = folder.File("account.csv");
        session.SetVariable("Out", path);

        using (var shell = session.Shell("Export-CustomerBalanceTransaction -AllCustomers -Path $Out"))
        {
            var run = shell.BeginInvoke();
            await PagingTests.WaitUntil(() => session.Server.Requests.Count >= 12, TimeSpan.FromSeconds(10));
            shell.Stop();
            Assert.True(run.IsCompleted);
        }

        var firstRows = File.ReadAllLines(path).Length - 1;
        var second = session.Run("Export-CustomerBalanceTransaction -AllCustomers -Path $Out -PassThru").AssertClean();

        var expected = customers.Reverse().SelectMany(customer => session.Server.TransactionIdsNewestFirst(customer)).ToList();
        Assert.Equal(expected, File.ReadAllLines(path).Skip(1).Select(line => line.Split(',')[0].Trim('"')));
        Assert.InRange(firstRows, 1, expected.Count - 1);
        Assert.Equal(true, Assert.Single(second.Output).Properties["Finished"].Value);
    }
}
