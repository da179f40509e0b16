using System.Management.Automation;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// A response that lacks a field Stripe always sends, as a script meets it: an InvalidResult error that names the
/// field, the request id and the path, and never an object with a 0 or "" in the field's place.
/// </summary>
public sealed class MalformedResponseTests
{
    [Theory]
    [InlineData("amount", FieldDefect.Missing, "has no 'amount', which Stripe always sends")]
    [InlineData("id", FieldDefect.Missing, "has no 'id', which Stripe always sends")]
    [InlineData("currency", FieldDefect.Null, "'currency' of the balance transaction at data[0] is null, not text")]
    [InlineData("ending_balance", FieldDefect.WrongType, "'ending_balance' of the balance transaction at data[0] is text, not a whole number")]
    public async Task A_page_with_a_malformed_transaction_writes_no_object_for_it_and_an_error_naming_the_field(string field, FieldDefect defect, string expected)
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(150);
        session.SetVariable("Customer", customer);
        session.Server.Faults.Enqueue(Fault.MalformedObject(field, defect), method: "GET", queryContains: "starting_after");

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All");

        Assert.Equal(100, result.Output.Count);
        Assert.All(result.Output, row => Assert.NotEqual(0L, (long)row.Properties["Amount"].Value));
        var error = result.SingleError();
        var message = PipelineResult.Message(error);
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Equal(customer, error.TargetObject);
        Assert.Contains(expected, message);
        Assert.Contains($"GET /v1/customers/{customer}/balance_transactions", message);
        Assert.Matches("Request id: req_[A-Za-z0-9]+", message);
        Assert.Contains("-StartingAfter " + result.Ids()[^1], message);
    }

    [Fact]
    public async Task A_retrieved_transaction_without_its_customer_is_an_error_not_an_empty_customer()
    {
        await using var session = await HostedSession.StartAsync();
        var customer = session.Customer(1);
        session.SetVariable("Customer", customer);
        var id = (string)session.Run("(Get-CustomerBalanceTransaction $Customer).Id").AssertClean().Output.Single().BaseObject;
        session.SetVariable("Id", id);
        session.Server.Faults.Enqueue(Fault.MalformedObject("customer"));

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -Id $Id");

        Assert.Empty(result.Output);
        var message = PipelineResult.Message(result.SingleError());
        Assert.Contains("the balance transaction has no 'customer'", message);
        Assert.Contains($"GET /v1/customers/{customer}/balance_transactions/{id}", message);
    }

    [Fact]
    public async Task A_created_transaction_answered_without_its_id_says_how_to_finish_it_safely()
    {
        await using var session = await HostedSession.StartAsync();
        session.SetVariable("Customer", session.Customer());
        session.Server.Faults.Enqueue(Fault.MalformedObject("id"), method: "POST");

        var result = session.Run("New-CustomerBalanceTransaction $Customer -500 usd");

        Assert.Empty(result.Output);
        var error = result.SingleError();
        Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
        Assert.Contains("the balance transaction has no 'id'", PipelineResult.Message(error));
        Assert.Contains("-IdempotencyKey", error.ErrorDetails.RecommendedAction);
    }

    [Fact]
    public async Task A_customer_page_without_has_more_stops_an_export_of_every_customer_with_the_reason()
    {
        await using var session = await HostedSession.StartAsync();
        session.Customer(2);
        session.Server.Faults.Enqueue(Fault.MalformedObject("has_more"), method: "GET", pathContains: "/v1/customers");

        var result = session.Run("Get-CustomerBalanceTransaction -AllCustomers");

        var error = result.Errors.Concat(result.Terminating is null ? [] : new[] { result.Terminating.ErrorRecord }).First();
        Assert.Contains("the list has no 'has_more'", PipelineResult.Message(error));
        Assert.Contains("GET /v1/customers", PipelineResult.Message(error));
    }
}
