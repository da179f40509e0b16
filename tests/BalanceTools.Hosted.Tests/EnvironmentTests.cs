using System.Management.Automation;

namespace BalanceTools.Hosted.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}

/// <summary>STRIPE_API_KEY and STRIPE_API_BASE belong to the process, so these tests run alone.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EnvironmentTests : IDisposable
{
    private readonly string? savedKey = Environment.GetEnvironmentVariable("STRIPE_API_KEY");
    private readonly string? savedBase = Environment.GetEnvironmentVariable("STRIPE_API_BASE");

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("STRIPE_API_KEY", savedKey);
        Environment.SetEnvironmentVariable("STRIPE_API_BASE", savedBase);
    }

    [Fact]
    public async Task A_runbook_needs_only_the_two_environment_variables()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(3));
        Environment.SetEnvironmentVariable("STRIPE_API_KEY", KeyCanary.ServerKey);
        Environment.SetEnvironmentVariable("STRIPE_API_BASE", session.BaseUri);

        var result = session.Run("Get-CustomerBalanceTransaction $Customer -All -Verbose -Debug").AssertClean();

        Assert.Equal(3, result.Output.Count);
        Assert.Equal("Bearer " + KeyCanary.ServerKey, session.Server.Requests.Snapshot().Single().Headers["authorization"]);
    }

    [Fact]
    public async Task No_key_anywhere_stops_the_command_with_an_AuthenticationError_that_says_how_to_give_one()
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(1));
        Environment.SetEnvironmentVariable("STRIPE_API_KEY", null);

        var error = session.Run("Get-CustomerBalanceTransaction $Customer -ApiBaseUri $Base").SingleError();

        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Equal("BalanceTools.MissingApiKey,BalanceTools.Commands.GetCustomerBalanceTransactionCommand", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-Stripe", error.ErrorDetails.RecommendedAction);
        Assert.Contains("STRIPE_API_KEY", PipelineResult.Message(error));
        Assert.Equal(0, session.Server.Requests.Count);
    }

    [Theory]
    [InlineData("STRIPE_API_KEY", "pk_test_51HxYzAbCdEfGhIjKlMnOpQr", "publishable key")]
    [InlineData("STRIPE_API_KEY", "whsec_0123456789abcdefghijklmn", "not a Stripe secret key")]
    [InlineData("STRIPE_API_BASE", "api.stripe.com", "not a web address")]
    [InlineData("STRIPE_API_BASE", "http://stripe.example.com", "Refusing to send a Stripe key")]
    public async Task A_bad_environment_variable_is_named_before_any_request(string variable, string value, string allowed)
    {
        await using var session = await HostedSession.StartAsync(connect: false);
        session.SetVariable("Customer", session.Customer(1));
        Environment.SetEnvironmentVariable("STRIPE_API_KEY", KeyCanary.ServerKey);
        Environment.SetEnvironmentVariable("STRIPE_API_BASE", session.BaseUri);
        Environment.SetEnvironmentVariable(variable, value);

        var error = session.Run("Get-CustomerBalanceTransaction $Customer").SingleError();

        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("The " + variable + " environment variable", PipelineResult.Message(error));
        Assert.Contains(allowed, PipelineResult.Message(error));
        Assert.Equal(0, session.Server.Requests.Count);
    }
}
