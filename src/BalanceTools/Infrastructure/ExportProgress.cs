using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Progress of an export across customers: customers done of those found so far (the total is unknown until the
/// listing ends), transactions handed on, and the rate. Written at most a few times a second, from the pipeline thread.
/// </summary>
internal sealed class ExportProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Cmdlet cmdlet;
    private readonly BalanceExport export;
    private readonly string activity;
    private readonly Stopwatch sinceLastWrite = new();
    private bool written;

    public ExportProgress(Cmdlet cmdlet, BalanceExport export, bool allCustomers)
    {
        this.cmdlet = cmdlet;
        this.export = export;
        activity = allCustomers ? "Exporting every customer's balance transactions" : "Listing balance transactions";
    }

    public void TransactionHandedOn(string customer) => WriteIfDue(customer);

    public void CustomerFinished(string customer) => WriteIfDue(customer);

    public void Completed()
    {
        if (written)
        {
            cmdlet.WriteProgress(new ProgressRecord(1, activity, Status(null)) { RecordType = ProgressRecordType.Completed });
        }
    }

    private void WriteIfDue(string customer)
    {
        if (sinceLastWrite.IsRunning && sinceLastWrite.Elapsed < Interval)
        {
            return;
        }

        sinceLastWrite.Restart();
        written = true;
        // A new record each time: a host may keep the ones it was given.
        cmdlet.WriteProgress(new ProgressRecord(1, activity, Status(customer))
        {
            CurrentOperation = export.Checkpoint is { } checkpoint ? "Checkpoint: " + checkpoint.Path : null,
        });
    }

    private string Status(string? customer)
    {
        var finished = export.CustomersCompleted + export.CustomersFailed;
        var seconds = Math.Max(export.Elapsed.TotalSeconds, 0.001);
        var text = string.Format(
            CultureInfo.InvariantCulture,
            "{0} of {1} customers so far{2}, {3} transactions ({4:0} a second)",
            finished,
            export.CustomersFound,
            export.CustomersFailed > 0 ? $" ({export.CustomersFailed} failed)" : string.Empty,
            export.TransactionsHandedOn,
            export.TransactionsHandedOn / seconds);
        return customer is null ? text : text + "; now " + customer;
    }
}
