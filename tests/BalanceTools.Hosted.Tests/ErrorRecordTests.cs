using System.Management.Automation;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>What a script sees when Stripe says no: categories, ids, targets, advice, and one bad item among good ones.</summary>
public sealed class ErrorRecordTests
{
    [Fact]
    public async Task A_missing_customer_is_one_request_and_an_ObjectNotFound_record_with_Stripes_message()
    {
        await using var session = await HostedSession.StartAsync();

        var result = session.Run("Get-CustomerBalanceTransaction cus_DoesNotExist01");
        var error = result.SingleError();

        Assert.Equal(1, session.Server.Requests.Count);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal("Stripe.resource_missing,BalanceTools.Commands.GetCustomerBalanceTransactionCommand", error.FullyQualifiedErrorId);
        Assert.Equal("cus_DoesNotExist01", error.TargetObject);
        Assert.Contains("No such customer: 'cus_DoesNotExist01'", PipelineResult.Message(error));
        Assert.Matches("Request id: req_[A-Za-z0-9]+", PipelineResult.Message(error));
        Assert.Equal("invalid_request_error", error.CategoryInfo.Reason);
        Assert.Contains("https://stripe.com/docs/error-codes/resource-missing", error.ErrorDetails.RecommendedAction);
        Assert.Equal("resource_missing", ((dynamic)error.Exception).Code);
    }

    [Fact]
    public async Task A_currency_that_does_not_match_the_customers_is_one_request_and_Stripes_message()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(1, "usd"));

        var error = session.Run("New-CustomerBalanceTransaction $Customer -500 eur").SingleError();

        Assert.Equal(1, session.Server.Requests.Count);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("must match the customer's currency (usd)", PipelineResult.Message(error));
        Assert.Equal("currency", ((dynamic)error.Exception).Param);
    }

    [Fact]
    public async Task One_failing_customer_is_one_non_terminating_error_and_the_rest_are_listed()
    {
        await using var session = await HostedSession.StartAsync();
        var first = session.Customer(2);
        var last = session.Customer(3);

        var result = session.Run("$input | Get-CustomerBalanceTransaction -All", new object[] { first, "cus_Deleted0001", last });

        Assert.Equal(5, result.Output.Count);
        Assert.Equal("cus_Deleted0001", result.SingleError().TargetObject);
        Assert.Single(result.ErrorVariable);
        Assert.Null(result.Terminating);
    }

    [Fact]
    public async Task ErrorAction_Stop_ends_at_the_first_failure_and_sends_nothing_for_later_items()
    {
        await using var session = await HostedSession.StartAsync();
        var first = session.Customer(2);
        var last = session.Customer(3);

        var result = session.Run("$input | Get-CustomerBalanceTransaction -ErrorAction Stop", new object[] { first, "cus_Deleted0001", last });

        Assert.NotNull(result.Terminating);
        Assert.Equal(2, result.Output.Count);
        Assert.Equal(2, session.Server.Requests.Count);
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Terminating!.ErrorRecord.CategoryInfo.Category);
        Assert.Single(result.ErrorVariable);
    }

    [Fact]
    public async Task Every_failure_is_recorded_once_in_Error()
    {
        await using var session = await HostedSession.StartAsync();
        var good = session.Customer(1);

        var result = session.Run("$input | Get-CustomerBalanceTransaction", new object[] { "cus_Missing0001", good, "cus_Missing0002", "not-an-id" });

        Assert.Equal(3, result.Errors.Count);
        Assert.Equal(3, result.ErrorVariable.Count);
        Assert.Equal(new object[] { "cus_Missing0002", "cus_Missing0001" }, result.ErrorVariable.Skip(1).Select(e => e.TargetObject));
    }

    [Fact]
    public async Task When_All_gives_up_the_error_names_the_cursor_to_resume_from_and_resuming_completes_the_list()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(250));
        var all = session.Run("Get-CustomerBalanceTransaction $Customer -All").AssertClean().Ids();
        session.Server.Requests.Clear();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            session.Server.Faults.Enqueue(Fault.Status(500), "GET", queryContains: "starting_after=" + all[99]);
        }

        var failed = session.Run("Get-CustomerBalanceTransaction $Customer -All -MaxNetworkRetries 1");
        var error = failed.SingleError();
        session.SetVariable("Resume", ((dynamic)error.Exception).ResumeStartingAfter);
        var resumed = session.Run("Get-CustomerBalanceTransaction $Customer -All -StartingAfter $Resume").AssertClean();

        Assert.Equal(100, failed.Output.Count);
        Assert.Equal(all[99], (string)((dynamic)error.Exception).ResumeStartingAfter);
        Assert.Contains("-StartingAfter " + all[99], PipelineResult.Message(error));
        Assert.Contains("-StartingAfter " + all[99], error.ErrorDetails.RecommendedAction);
        Assert.Equal(ErrorCategory.ResourceUnavailable, error.CategoryInfo.Category);
        Assert.Equal(all, failed.Ids().Concat(resumed.Ids()));
    }

    [Fact]
    public async Task A_create_cut_off_after_sending_recommends_its_idempotency_key_and_rerunning_with_it_does_not_create_twice()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(currency: "usd");
        session.SetVariable("Customer", customer);
        session.Server.Faults.Enqueue(Fault.ResetAfterCommit(), "POST");

        var error = session.Run("New-CustomerBalanceTransaction $Customer -700 usd").SingleError();
        session.SetVariable("IdempotencyKey", (string)((dynamic)error.Exception).IdempotencyKey);
        var rerun = session.Run("New-CustomerBalanceTransaction $Customer -700 usd -IdempotencyKey $IdempotencyKey").AssertClean();

        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("-IdempotencyKey '", error.ErrorDetails.RecommendedAction);
        Assert.Equal(1, session.Server.Store.CountTransactions(customer));
        Assert.Equal(-700L, rerun.Output.Single().Properties["Amount"].Value);
    }

    [Fact]
    public async Task A_rate_limited_write_is_retried_with_its_key_and_created_once_without_any_error()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer();
        session.SetVariable("Customer", customer);
        session.Server.Faults.Enqueue(Fault.RateLimit());
        session.Server.Faults.Enqueue(Fault.RateLimit());

        var result = session.Run("New-CustomerBalanceTransaction $Customer -100 usd").AssertClean();

        Assert.Equal(-100L, result.Output.Single().Properties["Amount"].Value);
        Assert.Equal(new[] { 429, 429, 200 }, session.Server.Requests.Snapshot().Select(r => r.Status));
        Assert.Equal(1, session.Server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task A_write_told_not_to_retry_a_429_reports_it_recommends_slowing_down_and_creates_nothing()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer();
        session.SetVariable("Customer", customer);
        session.Server.Faults.Enqueue(Fault.RateLimit());

        var error = session.Run("New-CustomerBalanceTransaction $Customer -100 usd -RetryOnRateLimit:$false").SingleError();

        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Equal("Stripe.rate_limit,BalanceTools.Commands.NewCustomerBalanceTransactionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("lower -MaxRequestsPerSecond or -ThrottleLimit", error.ErrorDetails.RecommendedAction);
        Assert.Equal(0, session.Server.Store.CountTransactions(customer));
    }

    [Fact]
    public async Task A_rate_limited_read_is_retried_and_only_its_verbose_log_shows_the_429()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer(2));
        session.Server.Faults.Enqueue(Fault.RateLimit(retryAfterSeconds: 0));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -Verbose").AssertClean();

        Assert.Equal(2, result.Output.Count);
        Assert.Contains(result.Verbose, v => v.Message.Contains("-> 429", StringComparison.Ordinal));
    }
}
