using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Security;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>
/// One test's world: a fake Stripe server on 127.0.0.1 and a runspace of PowerShell 7.6 (from
/// InitialSessionState.CreateDefault2() of Microsoft.PowerShell.SDK: every default command, Export-Csv, Import-Csv,
/// Select-Object and Format-Table among them) that has imported the staged module.
/// Unless asked otherwise the runspace is connected with Connect-Stripe, so tests running in parallel never share
/// a key or a server. Every run is checked against the key canary.
/// </summary>
internal sealed class HostedSession : IAsyncDisposable
{
    private readonly Runspace runspace;

    private HostedSession(FakeStripeServer server, Runspace runspace)
    {
        Server = server;
        this.runspace = runspace;
    }

    public FakeStripeServer Server { get; }

    /// <summary>The server's root without a trailing slash, as a user would type it.</summary>
    public string BaseUri => Server.BaseUri.ToString().TrimEnd('/');

    /// <summary>Starts the server and the runspace. <paramref name="connect"/> runs Connect-Stripe with the server's key and address, no retries and no client-side rate limit;
    /// <paramref name="engineOnly"/> leaves the runspace only the engine's own commands (Import-Module, Get-Command,
    /// ForEach-Object...), as a constrained endpoint has them, by turning off module autoloading; <paramref name="host"/>
    /// makes the host the runspace talks to.</summary>
    public static async Task<HostedSession> StartAsync(bool connect = true, TimeSpan latency = default, IReadOnlyCollection<string>? additionalKeys = null, bool engineOnly = false, Func<FakeStripeServer, PSHost>? host = null)
    {
        var server = await FakeStripeServer.StartAsync(new FakeStripeServerOptions
        {
            ApiKey = KeyCanary.ServerKey,
            AdditionalApiKeys = additionalKeys ?? Array.Empty<string>(),
            Latency = latency,
        });
        var session = new HostedSession(server, OpenRunspace(engineOnly, host?.Invoke(server)));
        session.SetVariable("Base", session.BaseUri);
        session.SetVariable("Key", Secure(KeyCanary.ServerKey));
        session.SetVariable("KeyText", KeyCanary.ServerKey);
        if (connect)
        {
            // Every session uses the same key, so the process-wide limiter would make parallel tests wait on each other.
            session.Run("Connect-Stripe -ApiKey $Key -ApiBaseUri $Base -MaxNetworkRetries 0 -MaxRequestsPerSecond 0").AssertClean();
        }

        return session;
    }

    /// <summary>A runspace as a user's console has it after Import-Module of the staged manifest, in <paramref name="host"/> when given.</summary>
    public static Runspace OpenRunspace(bool engineOnly = false, PSHost? host = null)
    {
        var state = InitialSessionState.CreateDefault2();
        if (engineOnly)
        {
            // Every other command comes from modules beside the engine, found by autoloading.
            state.Variables.Add(new SessionStateVariableEntry("PSModuleAutoLoadingPreference", PSModuleAutoLoadingPreference.None, string.Empty));
        }

        var runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        runspace.Open();
        using var import = PowerShell.Create();
        import.Runspace = runspace;
        import.AddCommand("Import-Module").AddParameter("Name", StagedModule.Manifest).AddParameter("ErrorAction", ActionPreference.Stop).Invoke();
        return runspace;
    }

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>A customer with <paramref name="transactions"/> seeded transactions (oldest first in the store).</summary>
    public string Customer(int transactions = 0, string currency = "usd")
    {
        var id = Server.Store.CreateCustomer(currency);
        if (transactions > 0)
        {
            Server.Store.Seed(id, transactions, currency);
        }

        return id;
    }

    public void SetVariable(string name, object? value) => runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Runs <paramref name="script"/> to the end and returns all it produced; fails the test if any of it leaks a key.</summary>
    public PipelineResult Run(string script, IEnumerable<object>? input = null)
    {
        using var shell = Shell(script);
        var clock = Stopwatch.StartNew();
        var output = new PSDataCollection<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            shell.Invoke(input, output);
        }
        catch (RuntimeException exception)
        {
            terminating = exception;
        }

        return Collect(shell, output, terminating, clock.Elapsed);
    }

    /// <summary>A PowerShell on this session's runspace with <paramref name="script"/> added, for tests that drive it themselves.</summary>
    public PowerShell Shell(string script)
    {
        var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        return shell;
    }

    /// <summary>Gathers the streams of a shell that has finished, with $Error, and checks them against the key canary.</summary>
    public PipelineResult Collect(PowerShell shell, IEnumerable<PSObject> output, RuntimeException? terminating, TimeSpan elapsed)
    {
        var result = new PipelineResult
        {
            Output = output.ToList(),
            Errors = shell.Streams.Error.ToList(),
            Verbose = shell.Streams.Verbose.ToList(),
            Debug = shell.Streams.Debug.ToList(),
            Warnings = shell.Streams.Warning.ToList(),
            Progress = shell.Streams.Progress.ToList(),
            Information = shell.Streams.Information.ToList(),
            Terminating = terminating,
            ErrorVariable = ErrorVariable(),
            Elapsed = elapsed,
        };
        AssertNoKeyIn(result);
        return result;
    }

    public static void AssertNoKeyIn(PipelineResult result)
    {
        foreach (var text in result.Texts())
        {
            var leak = KeyCanary.FindLeak(text);
            Assert.True(leak is null, $"A piece of a key ({leak}) appeared in: {text}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        runspace.Dispose();
        await Server.DisposeAsync();
    }

    private List<ErrorRecord> ErrorVariable()
    {
        using var read = PowerShell.Create();
        read.Runspace = runspace;
        return read.AddScript("$Error").Invoke().Select(item => item.BaseObject).OfType<ErrorRecord>().ToList();
    }
}

internal static class PipelineResultAssertions
{
    /// <summary>Fails with the first error's message if the run reported any error.</summary>
    public static PipelineResult AssertClean(this PipelineResult result)
    {
        var first = result.Errors.FirstOrDefault() ?? result.Terminating?.ErrorRecord;
        Assert.True(first is null, "Unexpected error: " + (first is null ? string.Empty : PipelineResult.Message(first)));
        return result;
    }
}
