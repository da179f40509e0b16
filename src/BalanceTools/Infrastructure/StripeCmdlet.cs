using System.Collections.Concurrent;
using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Base of the cmdlets that call Stripe: builds the client from parameters, session default and environment,
/// runs client calls on the pipeline thread with Ctrl+C cancelling them, relays request logs as verbose, debug and
/// warning messages from the pipeline thread, and turns failures into per-item error records.
/// </summary>
public abstract class StripeCmdlet : ConnectionParameters, IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly ConcurrentQueue<StripeRequestEvent> requestEvents = new();
    private CustomerBalanceTransactionClient? client;

    internal CancellationToken Cancellation => cancellation.Token;

    /// <summary>The client, created on first use so that <c>-WhatIf</c> needs no key.</summary>
    internal CustomerBalanceTransactionClient Client => client ??= CreateClient();

    /// <inheritdoc />
    public void Dispose()
    {
        ReleaseResources();
        client?.Dispose();
        cancellation.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc />
    protected override void StopProcessing() => cancellation.Cancel();

    /// <summary>Ends what a cmdlet started across pipeline items, before the client is disposed; runs after a stop too.</summary>
    protected virtual void ReleaseResources()
    {
    }

    /// <inheritdoc />
    protected override void EndProcessing() => FlushRequestEvents();

    /// <summary>Waits for a client call on the pipeline thread, then relays what it logged.</summary>
    internal T Await<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        finally
        {
            FlushRequestEvents();
        }
    }

    internal T Await<T>(ValueTask<T> task) => Await(task.AsTask());

    internal void Emit(object item)
    {
        FlushRequestEvents();
        WriteObject(item);
    }

    /// <summary>
    /// Runs the work for one pipeline item. A Stripe or validation failure becomes a non-terminating error for that
    /// item so the next one proceeds.
    /// </summary>
    internal void ForItem(object? target, Action work)
    {
        try
        {
            work();
        }
        catch (StripeException exception)
        {
            FlushRequestEvents();
            WriteError(ErrorRecords.From(exception, target));
        }
        catch (ArgumentException exception)
        {
            WriteError(ErrorRecords.InvalidArgument(exception, target));
        }
    }

    private CustomerBalanceTransactionClient CreateClient() => FromSettings(() =>
    {
        var options = BoundSettings(ApiKey).Over(StripeSession.Current).Over(EnvironmentSettings()).ToClientOptions();
        options.ApplicationInfo = PowerShellVersion();
        options.OnRequest = requestEvents.Enqueue;
        options.LogRequestBodies = IsDebugging();
        return new CustomerBalanceTransactionClient(options);
    });

    private string PowerShellVersion() =>
        GetVariableValue("PSVersionTable") is System.Collections.IDictionary table
            ? $"PowerShell/{table["PSVersion"]} ({table["PSEdition"]})"
            : "PowerShell";

    private bool IsDebugging() =>
        (MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true })
        || GetVariableValue("DebugPreference") is ActionPreference preference && preference != ActionPreference.SilentlyContinue;

    // Events arrive on whatever thread ran the request (prefetches run in the background); PowerShell only
    // accepts messages from the pipeline thread, so they wait here until the cmdlet is back on it.
    internal void FlushRequestEvents()
    {
        while (requestEvents.TryDequeue(out var requestEvent))
        {
            WriteVerbose(requestEvent.Describe());
            if (requestEvent.RequestBody is { Length: > 0 } body)
            {
                WriteDebug("Request body: " + body);
            }

            if (requestEvent.Notice is { } notice)
            {
                WriteWarning("Stripe notice: " + notice);
            }
        }
    }
}
