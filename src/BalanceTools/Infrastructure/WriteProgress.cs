using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;

namespace BalanceTools;

/// <summary>
/// Progress of a bulk write: rows written and failed so far (the total is unknown while rows are still being piped
/// in), rows under way, and the rate. Written at most a few times a second, from the pipeline thread.
/// </summary>
internal sealed class WriteProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly Cmdlet cmdlet;
    private readonly string activity;
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly Stopwatch sinceLastWrite = new();
    private int succeeded;
    private int failed;
    private bool written;

    public WriteProgress(Cmdlet cmdlet, string activity)
    {
        this.cmdlet = cmdlet;
        this.activity = activity;
    }

    public void RowFinished(bool success, int underWay)
    {
        if (success)
        {
            succeeded++;
        }
        else
        {
            failed++;
        }

        if (sinceLastWrite.IsRunning && sinceLastWrite.Elapsed < Interval)
        {
            return;
        }

        sinceLastWrite.Restart();
        written = true;
        // A new record each time: a host may keep the ones it was given.
        cmdlet.WriteProgress(new ProgressRecord(2, activity, Status(underWay)));
    }

    public void Completed()
    {
        if (written)
        {
            cmdlet.WriteProgress(new ProgressRecord(2, activity, Status(0)) { RecordType = ProgressRecordType.Completed });
        }
    }

    private string Status(int underWay) => string.Format(
        CultureInfo.InvariantCulture,
        "{0} rows done{1}, {2} under way ({3:0.0} a second)",
        succeeded,
        failed > 0 ? $", {failed} failed" : string.Empty,
        underWay,
        (succeeded + failed) / Math.Max(elapsed.Elapsed.TotalSeconds, 0.001));
}
