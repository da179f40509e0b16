using Xunit;

namespace BalanceTools.Client.Tests.FakeServer;

/// <summary>
/// Tests that measure how long requests wait run alone: on two cores a parallel test that keeps the thread pool busy
/// delays every timer until they fire together, which hides exactly the spread these tests look for.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingSensitiveCollection
{
    public const string Name = "Timing-sensitive fake server tests";
}
