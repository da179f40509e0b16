using System.Runtime.InteropServices;

namespace BalanceTools.Desktop.Tests;

public sealed class RuntimeTests
{
    // Everything else here is only evidence for Windows PowerShell 5.1 if it ran on a .NET Framework runtime.
    [Fact]
    public void The_suite_runs_on_mono_or_NET_Framework_not_on_NET_Core()
    {
        Assert.Matches(@"^(Mono |\.NET Framework )", RuntimeInformation.FrameworkDescription);
        Assert.Equal("mscorlib", typeof(object).Assembly.GetName().Name);
    }
}
