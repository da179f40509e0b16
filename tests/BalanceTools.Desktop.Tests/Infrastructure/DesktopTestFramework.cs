using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("BalanceTools.Desktop.Tests.DesktopTestFramework", "BalanceTools.Desktop.Tests")]

namespace BalanceTools.Desktop.Tests;

/// <summary>
/// xunit's own test framework, made only after the desktop module's import has run: the runner creates it before it
/// reflects over or compiles any test, so every client type a test names is bound through the module's
/// AssemblyResolve handler, whatever test runs first. (A [ModuleInitializer] came too late on Mono: a test method that
/// names System.Text.Json types was compiled before it ran.)
/// </summary>
public sealed class DesktopTestFramework : XunitTestFramework
{
    public DesktopTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        DesktopModule.Import();
    }
}
