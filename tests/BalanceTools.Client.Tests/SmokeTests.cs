namespace BalanceTools.Client.Tests;
public sealed class SmokeTests { [Xunit.Fact] public void Runs() => Xunit.Assert.True(true); }
