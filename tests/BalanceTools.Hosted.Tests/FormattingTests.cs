using System.Text.Json;
using System.Text.RegularExpressions;

namespace BalanceTools.Hosted.Tests;

/// <summary>What a console shows and what scripts serialise: the default table and list views as text, and ConvertTo-Json.</summary>
public sealed class FormattingTests
{
    [Fact]
    public async Task The_default_table_view_shows_the_columns_that_matter_with_utc_times()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(3);
        session.SetVariable("Customer", customer);
        var newest = session.Server.Store.FindTransaction(customer, session.Server.TransactionIdsNewestFirst(customer)[0])!;

        var table = session.Run("Get-CustomerBalanceTransaction $Customer | Format-Table | Out-String -Width 200").AssertClean().Output.Single().ToString();
        var auto = session.Run("Get-CustomerBalanceTransaction $Customer | Out-String -Width 200").AssertClean().Output.Single().ToString();

        Assert.Matches(@"Id\s+Type\s+Amount\s+Currency\s+EndingBalance\s+Created \(UTC\)\s+Description", table);
        Assert.DoesNotContain("Livemode", table);
        Assert.DoesNotContain("Metadata", table);
        var created = DateTimeOffset.FromUnixTimeSeconds(newest.Created).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Matches($@"{Regex.Escape(newest.Id)}\s+{newest.Type}\s+{newest.Amount}\s+usd\s+{newest.EndingBalance}\s+{created}\s+{Regex.Escape(newest.Description!)}", table);
        Assert.Equal(5, table.Split('\n').Count(line => line.Trim().Length > 0));
        Assert.Equal(table, auto);
    }

    [Fact]
    public async Task The_list_view_shows_every_field_with_metadata_as_json()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(2);
        session.SetVariable("Customer", customer);

        var list = session.Run("Get-CustomerBalanceTransaction $Customer -Limit 1 | Set-CustomerBalanceTransaction -Metadata @{ order_id = '6735' } | Format-List | Out-String -Width 200").AssertClean().Output.Single().ToString();

        foreach (var label in new[] { "Id", "Type", "Amount", "Currency", "EndingBalance", "Created (UTC)", "Customer", "Description", "Invoice", "CreditNote", "CheckoutSession", "Metadata", "Livemode" })
        {
            Assert.Matches($@"(?m)^{Regex.Escape(label)}\s*:", list);
        }

        Assert.Matches(@"(?m)^Metadata\s*: \{""order_id"":""6735""\}\s*$", list);
        Assert.Matches($@"(?m)^Customer\s*: {customer}\s*$", list);
        Assert.Matches(@"(?m)^Created \(UTC\)\s*: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s*$", list);
    }

    [Fact]
    public async Task ConvertTo_Json_of_a_transaction_gives_readable_metadata_and_no_key()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(2);
        session.SetVariable("Customer", customer);

        var json = session.Run("Get-CustomerBalanceTransaction $Customer -Limit 1 | Set-CustomerBalanceTransaction -Metadata @{ order_id = '6735'; note = 'first' } | ConvertTo-Json").AssertClean().Output.Single().ToString();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(customer, root.GetProperty("Customer").GetString());
        Assert.Equal(JsonValueKind.Number, root.GetProperty("Amount").ValueKind);
        Assert.Equal("6735", root.GetProperty("Metadata").GetProperty("order_id").GetString());
        Assert.Equal("first", root.GetProperty("Metadata").GetProperty("note").GetString());
        Assert.Equal(TimeSpan.Zero, root.GetProperty("Created").GetDateTimeOffset().Offset);
        Assert.DoesNotContain("sk_test", json);
        Assert.DoesNotContain(KeyCanary.ServerKey[8..16], json);
    }

    [Fact]
    public async Task Keys_made_with_ConvertTo_SecureString_work_per_call_in_a_credential_and_with_Connect_Stripe()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(4));

        var result = session.Run("""
            $secure = ConvertTo-SecureString -String $KeyText -AsPlainText -Force
            @(Get-CustomerBalanceTransaction $Customer -ApiKey $secure -ApiBaseUri $Base -MaxRequestsPerSecond 0).Count
            Connect-Stripe -Credential ([pscredential]::new('stripe', $secure)) -ApiBaseUri $Base -MaxRequestsPerSecond 0
            @(Get-CustomerBalanceTransaction $Customer).Count
            Connect-Stripe -ApiKey (ConvertTo-SecureString $KeyText -AsPlainText -Force) -ApiBaseUri $Base -MaxRequestsPerSecond 0 -PassThru | Out-String
            """).AssertClean();

        Assert.Equal(4, (int)result.Output[0].BaseObject);
        Assert.Equal(4, (int)result.Output[1].BaseObject);
        Assert.Contains("test", result.Output[2].ToString());
        Assert.Equal(2, session.Server.Requests.Count);
    }
}
