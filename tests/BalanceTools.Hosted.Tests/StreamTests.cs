using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

/// <summary>Verbose, Debug, Warning and Progress as a user with -Verbose, -Debug and a console sees them.</summary>
public sealed class StreamTests
{
    [Fact]
    public async Task Verbose_logs_every_request_with_status_request_id_and_duration()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(150));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All -Verbose").AssertClean();

        Assert.Equal(2, result.Verbose.Count);
        Assert.All(result.Verbose, v => Assert.Matches(@"^GET /v1/customers/cus_\w+/balance_transactions\?limit=100.* -> 200 req_\w+ in \d+ ms$", v.Message));
        Assert.Empty(result.Debug);
    }

    [Fact]
    public async Task Debug_adds_request_bodies()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer());

        var result = session.Run("New-CustomerBalanceTransaction $Customer -500 usd -Description 'Goodwill' -Metadata @{ ticket = 'SUP-1' } -Debug").AssertClean();

        Assert.Equal("Request body: amount=-500&currency=usd&description=Goodwill&metadata[ticket]=SUP-1", Assert.Single(result.Debug).Message);
        Assert.Contains(result.Verbose, v => v.Message.StartsWith("POST /v1/customers/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_Stripe_notice_becomes_a_warning()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(1));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -ApiVersion 2020-08-27").AssertClean();

        Assert.Contains("Stripe notice: Stripe-Version 2020-08-27 is deprecated", Assert.Single(result.Warnings).Message);
    }

    [Fact]
    public async Task All_reports_progress_at_once_and_completes_it_with_the_totals()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(250);
        session.SetVariable("Customer", customer);

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All").AssertClean();

        Assert.True(result.Progress.Count >= 2, $"{result.Progress.Count} progress records");
        Assert.StartsWith("0 of 1 customers so far, 1 transactions", result.Progress[0].StatusDescription);
        Assert.EndsWith("now " + customer, result.Progress[0].StatusDescription);
        Assert.All(result.Progress, record => Assert.Equal("Listing balance transactions", record.Activity));
        Assert.Equal(ProgressRecordType.Completed, result.Progress[^1].RecordType);
        Assert.StartsWith("1 of 1 customers so far, 250 transactions", result.Progress[^1].StatusDescription);
    }

    [Fact]
    public async Task A_hint_to_the_next_page_is_given_in_verbose_when_more_exist()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(12));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -Limit 5 -Verbose").AssertClean();

        Assert.Equal("More transactions exist. Use -All to stream them all, or -StartingAfter " + result.Ids()[^1] + " for the next page.", result.Verbose[^1].Message);
    }
}
