using System.Management.Automation;
using System.Text.RegularExpressions;
using static BalanceTools.Hosted.Tests.Rows;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// Bad input at the PowerShell surface, as users type it or as CSV rows bring it. Each is answered before any
/// request with one error whose message names the parameter and the bad value (never the key), says in plain words
/// what is allowed (no pattern, no .NET type name) and carries the right category.
/// </summary>
public sealed partial class BadInputTests
{
    private const string Get = "Get-CustomerBalanceTransaction";
    private const string New = "New-CustomerBalanceTransaction";
    private const string Set = "Set-CustomerBalanceTransaction";
    private const string Binding = nameof(ErrorCategory.InvalidData);
    private const string Cmdlet = nameof(ErrorCategory.InvalidArgument);

    private static readonly BadInput[] All =
    {
        // Ids, typed and piped.
        new($"{Get} 'cust_123'", "'Customer'", "'cust_123'", "start with cus_", Binding),
        new($"{Get} 'cus 1'", "'Customer'", "'cus 1'", "start with cus_", Binding),
        new($"{Get} 'cus_'", "'Customer'", "'cus_'", "only letters, digits and underscores", Binding),
        new($"{Get} 'cus_a/../b'", "'Customer'", "'cus_a/../b'", "only letters, digits and underscores", Binding),
        new($"{Get} ''", "'Customer'", "empty", "such as cus_", Binding),
        new($"[pscustomobject]@{{ Foo = 1 }} | {Get}", "'Customer'", "Foo", "Customer or CustomerId column", Binding),
        new($"@{{ Customer = 'cus_Valid0001' }} | {Get}", "'Customer'", "hashtable", "[pscustomobject]", Binding),
        new($"$input | {Get}", "'Customer'", "empty", "such as cus_", Binding, "Customer="),
        new($"{Get} $C 'txn_123'", "'Id'", "'txn_123'", "start with cbtxn_", Binding),
        new($"$input | {Get}", "'Id'", "'cbtxn_1 '", "only letters, digits and underscores", Binding, "Customer=cus_Valid0001;Id=cbtxn_1 "),
        new($"{Get} $C -Invoice 'inv_1'", "'Invoice'", "'inv_1'", "start with in_", Binding),
        new($"{Get} $C -StartingAfter 'cus_Valid0001'", "'StartingAfter'", "'cus_Valid0001'", "start with cbtxn_", Binding),
        new($"{Get} $C -EndingBefore ''", "'EndingBefore'", "empty", "such as cbtxn_", Binding),
        new($"{Get} $C -StartingAfter cbtxn_A1 -EndingBefore cbtxn_B2", "-StartingAfter", "cbtxn_B2", "not both", Cmdlet),

        // Numbers.
        new($"{Get} $C -Limit 0", "'Limit'", "'0'", "from 1 to 100", Binding),
        new($"{Get} $C -Limit 101", "'Limit'", "'101'", "from 1 to 100", Binding),
        new($"{Get} $C -Limit ten", "'Limit'", "'ten'", "not a whole number", Binding),
        new($"{Get} $C -Limit 2.5", "'Limit'", "'2.5'", "fractions are not rounded", Binding),
        new($"{New} $C 12.5 usd", "'Amount'", "'12.5'", "1250 is 12.50 USD", Binding),
        new($"$input | {New}", "'Amount'", "'12.50'", "1250 is 12.50 USD", Binding, "Customer=cus_Valid0001;Amount=12.50;Currency=usd"),
        new($"$input | {New}", "'Amount'", "'1,250'", "whole minor units", Binding, "Customer=cus_Valid0001;Amount=1,250;Currency=usd"),
        new($"$input | {New}", "'Amount'", "empty", "whole minor units", Binding, "Customer=cus_Valid0001;Amount=;Currency=usd"),
        new($"{New} $C ten usd", "'Amount'", "'ten'", "not a whole number", Binding),
        new($"{Get} $C -MaxNetworkRetries 11", "'MaxNetworkRetries'", "'11'", "from 0 to 10", Binding),
        new($"{Get} $C -MaxNetworkRetries -1", "'MaxNetworkRetries'", "'-1'", "from 0 to 10", Binding),
        new($"{Get} $C -TimeoutSec 0", "'TimeoutSec'", "'0'", "from 1 to 3600", Binding),
        new($"{Get} $C -TimeoutSec forever", "'TimeoutSec'", "'forever'", "not a whole number", Binding),

        // Dates.
        new($"{Get} $C -CreatedAfter yesterday", "'CreatedAfter'", "'yesterday'", "2026-11-01", Binding),
        new($"{Get} $C -Until '31/12/2026'", "'CreatedOnOrBefore'", "'31/12/2026'", "Unix seconds", Binding),
        new($"{Get} $C -CreatedAfter 2026-11-02 -CreatedBefore 2026-11-01", "-CreatedBefore", "2026-11-01 00:00:00Z", "Check which bound is which", Cmdlet),

        // Currency, text, expand.
        new($"{New} $C 100 xx", "'Currency'", "'xx'", "three-letter ISO code", Binding),
        new($"{New} $C 100 us1", "'Currency'", "'us1'", "such as usd, eur or gbp", Binding),
        new($"$input | {New}", "'Currency'", "empty", "three-letter ISO code", Binding, "Customer=cus_Valid0001;Amount=100;Currency="),
        new($"{New} $C 100 usd -Description ('d' * 351)", "'Description'", "351 characters", "at most 350", Binding),
        new($"{Set} $C cbtxn_Valid01 -Description ('d' * 351)", "'Description'", "351 characters", "at most 350", Binding),
        new($"{New} $C 100 usd -IdempotencyKey ('k' * 256)", "'IdempotencyKey'", "256 characters", "at most 255", Binding),
        new($"{Get} $C -Expand foo", "'Expand'", "'foo'", "customer, invoice, credit_note, checkout_session", Binding),
        new($"{Get} $C -Expand invoice, 'data.bogus'", "'Expand'", "'data.bogus'", "customer, invoice, credit_note, checkout_session", Binding),
        new($"{Set} $C cbtxn_Valid01 -Description x -Expand 'invoice x'", "'Expand'", "'invoice x'", "such as invoice", Binding),

        // Metadata.
        new($"{New} $C 100 usd -Metadata @{{ k = @{{ inner = 1 }} }}", "'Metadata'", "key 'k' is a hashtable", "text, numbers, booleans or dates", Binding),
        new($"{New} $C 100 usd -Metadata @{{ k = 1, 2 }}", "'Metadata'", "key 'k' is a list", "text, numbers, booleans or dates", Binding),
        new($"{Set} $C cbtxn_Valid01 -Metadata @{{ k = [pscustomobject]@{{ a = 1 }} }}", "'Metadata'", "key 'k' is an object", "text, numbers, booleans or dates", Binding),
        new($"{New} $C 100 usd -Metadata 'order=6735'", "'Metadata'", "'order=6735'", "such as @{ order_id = '6735' }", Binding),
        new($"{New} $C 100 usd -Metadata @{{ ('k' * 41) = 'v' }}", "'Metadata'", "41 characters", "at most 40", Binding),
        new($"{New} $C 100 usd -Metadata @{{ 'a[b' = 'v' }}", "'Metadata'", "'a[b'", "square bracket", Binding),
        new($"{Set} $C cbtxn_Valid01 -Metadata @{{ note = 'v' * 501 }}", "'Metadata'", "key 'note' is 501 characters", "at most 500", Binding),
        new($"$m = @{{}}; 1..51 | ForEach-Object {{ $m[\"k$_\"] = 'v' }}; {New} $C 100 usd -Metadata $m", "'Metadata'", "51 were given", "at most 50 keys", Binding),
        new($"{New} $C 100 usd -Metadata @{{ '' = 'v' }}", "'Metadata'", "is empty", "every key needs a name", Binding),
        new($"{Set} $C cbtxn_Valid01 -ClearMetadata -Metadata @{{ a = 'b' }}", "-ClearMetadata", "-Metadata", "clear first, then set", Cmdlet),
        new($"{Set} $C cbtxn_Valid01", "-Description", "Nothing to update", "-Metadata or -ClearMetadata", Cmdlet),

        // Connection: keys (shown redacted only), account, version, address.
        new($"{Get} $C -ApiKey ('pk_test_' + $KeyText.Substring(8))", "'ApiKey'", "pk_test_****", "secret key (sk_test_… or sk_live_…)", Binding),
        new($"{Get} $C -ApiKey ($KeyText + ' ')", "'ApiKey'", "sk_test_****", "spaces or line breaks", Binding),
        new($"{Get} $C -ApiKey ''", "'ApiKey'", "empty", "The key", Binding),
        new($"{Get} $C -ApiKey ('whsec_' + $KeyText.Substring(8))", "'ApiKey'", "****", "start with sk_test_ or sk_live_", Binding),
        new($"{Get} $C -ApiKey 42", "'ApiKey'", "this value", "Read-Host -AsSecureString", Binding),
        new("$s = [securestring]::new(); foreach ($c in [char[]]('pk_live_' + $KeyText.Substring(8))) { $s.AppendChar($c) }; Connect-Stripe -Credential ([pscredential]::new('stripe', $s))", "-Credential", "pk_live_****", "publishable key", Cmdlet),
        new("Connect-Stripe -ApiKey $Key -Credential ([pscredential]::new('stripe', $Key))", "-ApiKey", "-Credential", "not both", Cmdlet),
        new($"{Get} $C -StripeAccount foo", "'StripeAccount'", "'foo'", "start with acct_", Binding),
        new($"{New} $C 100 usd -StripeAccount acct_", "'StripeAccount'", "'acct_'", "only letters, digits and underscores", Binding),
        new($"{Get} $C -ApiVersion latest", "'ApiVersion'", "'latest'", "release dates", Binding),
        new($"{Get} $C -ApiBaseUri 'http://stripe.example.com'", "'ApiBaseUri'", "http://stripe.example.com", "loopback", Binding),
        new($"{Get} $C -ApiBaseUri 'not a uri'", "'ApiBaseUri'", "'not a uri'", "absolute https address", Binding),
        new("Connect-Stripe -ApiKey $Key -ApiBaseUri 'ftp://127.0.0.1/'", "'ApiBaseUri'", "ftp://127.0.0.1/", "absolute https address", Binding),

        // Proxies, with Invoke-RestMethod's exclusions.
        new($"{Get} $C -Proxy 'proxy.example.com:8080'", "'Proxy'", "'proxy.example.com:8080'", "absolute http or https address", Binding),
        new($"{Get} $C -Proxy 'ftp://proxy.example.com'", "'Proxy'", "'ftp://proxy.example.com'", "absolute http or https address", Binding),
        new($"{Get} $C -Proxy 'http://ops:Pr0xy-Passw0rd@proxy.example.com:3128'", "'Proxy'", "'http://ops:****@proxy.example.com:3128'", "-ProxyCredential (Get-Credential)", Binding),
        new($"{Get} $C -Proxy http://proxy.example.com:3128 -ProxyCredential ([pscredential]::new('ops', $Key)) -ProxyUseDefaultCredentials", "-ProxyCredential", "-ProxyUseDefaultCredentials", "not both", Cmdlet),
        new($"{Get} $C -Proxy http://proxy.example.com:3128 -NoProxy", "-NoProxy", "-Proxy", "cannot be combined", Cmdlet),
        new($"{New} $C 100 usd -ProxyCredential ([pscredential]::new('ops', $Key))", "-ProxyCredential", "-Proxy", "add -Proxy with the proxy's address", Cmdlet),
        new($"{Set} $C cbtxn_Valid01 -Description x -ProxyUseDefaultCredentials", "-ProxyUseDefaultCredentials", "-Proxy", "add -Proxy with the proxy's address", Cmdlet),
        new("Connect-Stripe -ApiKey $Key -Proxy http://proxy.example.com:3128 -NoProxy", "-NoProxy", "-Proxy", "cannot be combined", Cmdlet),
        new($"{Get} $C -ApiBaseUri 'http://stripe.example.com' -Proxy http://proxy.example.com:3128", "'ApiBaseUri'", "http://stripe.example.com", "loopback", Binding),
    };

    public static TheoryData<string, string, string, string, string, string?> Cases
    {
        get
        {
            var data = new TheoryData<string, string, string, string, string, string?>();
            foreach (var bad in All)
            {
                data.Add(bad.Script, bad.Parameter, bad.Value, bad.Allowed, bad.Category, bad.Row);
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_before_any_request_in_plain_words(string script, string parameter, string value, string allowed, string category, string? csvRow)
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("C", "cus_Valid0001");

        var result = session.Run(script, csvRow is null ? null : new object[] { CsvRow(csvRow) });
        var error = result.SingleError();
        var message = PipelineResult.Message(error);

        Assert.Equal(0, session.Server.Requests.Count);
        Assert.Empty(result.Output);
        Assert.Contains(parameter, message);
        Assert.Contains(value, message);
        Assert.Contains(allowed, message);
        Assert.DoesNotMatch(TypeName(), message);
        Assert.DoesNotMatch(Pattern(), message);
        Assert.Equal(category, error.CategoryInfo.Category.ToString());
    }

    [Fact]
    public void There_are_at_least_forty_cases_across_all_the_cmdlets()
    {
        var scripts = All.Select(bad => bad.Script).ToList();

        Assert.True(scripts.Count >= 40, $"{scripts.Count} cases");
        Assert.All(new[] { Get, New, Set, "Connect-Stripe" }, cmdlet => Assert.Contains(scripts, s => s.Contains(cmdlet, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_proxy_password_typed_into_the_address_appears_in_no_message_or_error()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("C", "cus_Valid0001");

        var result = session.Run($"{Get} $C -Proxy 'http://ops:Pr0xy-Passw0rd@proxy.example.com:3128'");

        var error = result.SingleError();
        Assert.All(
            new[] { PipelineResult.Message(error), error.Exception.ToString(), error.ErrorDetails?.RecommendedAction ?? string.Empty },
            text => Assert.DoesNotContain("Pr0xy-Passw0rd", text));
        Assert.Equal(0, session.Server.Requests.Count);
    }

    [Fact]
    public async Task A_bad_csv_row_is_one_error_and_the_good_rows_are_created()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer();
        var rows = new object[]
        {
            Row(("Customer", customer), ("Amount", "100"), ("Currency", "usd")),
            Row(("Customer", customer), ("Amount", "12.50"), ("Currency", "usd")),
            Row(("Customer", customer), ("Amount", "-300"), ("Currency", "usd")),
        };

        var result = session.Run("$input | New-CustomerBalanceTransaction", rows);

        Assert.Equal(new[] { 100L, -300L }, result.Output.Select(o => (long)o.Properties["Amount"].Value));
        Assert.Contains("'12.50'", PipelineResult.Message(result.SingleError()));
        Assert.Equal(2, session.Server.Requests.Count);
    }

    private static PSObject CsvRow(string cells) =>
        Row(cells.Split(';').Select(cell => cell.Split('=', 2)).Select(pair => (pair[0], pair[1])).ToArray());

    [GeneratedRegex(@"System\.[A-Z]|Int32|Int64|SecureString""|IDictionary")]
    private static partial Regex TypeName();

    [GeneratedRegex(@"\^\[|\]\{|\$""|\\d|\[A-Z")]
    private static partial Regex Pattern();
}

/// <summary>One bad input: the script, what the message must name and allow, the error category, and a CSV row piped in ("Column=cell;...").</summary>
internal sealed record BadInput(string Script, string Parameter, string Value, string Allowed, string Category, string? Row = null);
