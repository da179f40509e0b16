namespace BalanceTools.Desktop.Tests;

/// <summary>Every test class shares one fake server process; each test makes customers of its own.</summary>
[CollectionDefinition(Name)]
public sealed class FakeStripeCollection : ICollectionFixture<FakeStripeProcess>
{
    public const string Name = "Fake Stripe process";
}
