using System.Diagnostics;

namespace BalanceTools.Client.Tests;

/// <summary>Waiting in tests for something another thread or the server does.</summary>
internal static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test when it has not after ten seconds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), "the condition was not reached in ten seconds");
            await Task.Delay(5);
        }
    }
}
