using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools.Commands;

/// <summary>
/// Writes every balance transaction of the piped customers, or of every customer of the account, straight into a
/// CSV or JSON Lines file whose rows and checkpoint are committed together: whatever stops a run, the next run with
/// the same -Path completes the file with every transaction exactly once.
/// </summary>
[Cmdlet(VerbsData.Export, "CustomerBalanceTransaction", DefaultParameterSetName = CustomersSet, SupportsShouldProcess = true)]
[OutputType(typeof(ExportSummary))]
public sealed class ExportCustomerBalanceTransactionCommand : StripeCmdlet
{
    private const string CustomersSet = "Customers";
    private const string AllCustomersSet = "AllCustomers";

    private TransactionFileExport? export;
    private ExportProgress? progress;

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = string.Empty;

    [Parameter(Position = 1, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = CustomersSet)]
    [Alias("CustomerId")]
    [CustomerInput]
    [ValidateStripeId(StripeIdParameter.Customer)]
    public string Customer { get; set; } = string.Empty;

    [Parameter(Mandatory = true, ParameterSetName = AllCustomersSet)]
    public SwitchParameter AllCustomers { get; set; }

    // Text rather than the client's enum: parameter types must resolve when PowerShell imports the module, before the
    // module's own load context serves the client assembly.
    [Parameter]
    [ValidateSet(nameof(ExportFormat.Csv), nameof(ExportFormat.JsonLines), IgnoreCase = true)]
    public string Format { get; set; } = nameof(ExportFormat.Csv);

    [Parameter]
    [WholeNumber(1, 64, Advice = "It is the most requests in flight and customers listed at once; without it the number follows the measured latency and the rate limit.")]
    public int ThrottleLimit { get; set; }

    [Parameter]
    [Alias("CreatedGt")]
    [TimestampTransformation]
    public DateTime? CreatedAfter { get; set; }

    [Parameter]
    [Alias("CreatedGte", "Since")]
    [TimestampTransformation]
    public DateTime? CreatedOnOrAfter { get; set; }

    [Parameter]
    [Alias("CreatedLt")]
    [TimestampTransformation]
    public DateTime? CreatedBefore { get; set; }

    [Parameter]
    [Alias("CreatedLte", "Until")]
    [TimestampTransformation]
    public DateTime? CreatedOnOrBefore { get; set; }

    [Parameter]
    [ValidateExpand]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    public string[] Expand { get; set; } = Array.Empty<string>();

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Refuses contradictory parameters and a path that cannot be the file, then opens (and locks) the file, all before any request.</summary>
    protected override void BeginProcessing()
    {
        if (new CreatedBounds(CreatedAfter, CreatedOnOrAfter, CreatedBefore, CreatedOnOrBefore).Contradiction() is { } contradiction)
        {
            ThrowTerminatingError(contradiction);
        }

        ExportParameters.CheckCustomerSource(this, AllCustomers, IsBound(nameof(Customer)), "without -AllCustomers");
        var path = ExportParameters.ResolveFile(this, Path, nameof(Path), "balance.csv");
        if (!ShouldProcess(path, Force ? "Export balance transactions, starting the file over" : "Export balance transactions (or continue the export)"))
        {
            return;
        }

        export = Open(path);
        progress = new ExportProgress(this, export.Export, AllCustomers);
        if (export.AlreadyFinished)
        {
            WriteWarning($"The export into {export.Path} was finished by an earlier run ({export.CheckpointPath}); nothing to do. Give -Force to start it over, or another -Path for a new export.");
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (export is null || export.AlreadyFinished)
        {
            return;
        }

        if (AllCustomers)
        {
            Write(export.WriteAllCustomersAsync(Cancellation));
            return;
        }

        try
        {
            if (!export.Add(Customer))
            {
                WriteVerbose($"Customer {Customer} was exported by an earlier run ({export.CheckpointPath}); skipped.");
            }
        }
        catch (StripeInputException mismatch)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters(mismatch.Message, nameof(Path)));
        }

        Write(export.WriteAddedAsync(wait: false, Cancellation));
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (export is null)
        {
            return;
        }

        if (!AllCustomers && !export.AlreadyFinished)
        {
            Write(export.WriteAddedAsync(wait: true, Cancellation));
            Commit(export.Complete);
        }

        progress!.Completed();
        base.EndProcessing();
        if (PassThru)
        {
            WriteObject(export.Summary(RequestsSent));
        }
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        try
        {
            export?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (IOException)
        {
            // The commit of a stopped run failed; the previous commit stands and the next run continues from it.
        }

        export = null;
    }

    private TransactionFileExport Open(string path)
    {
        try
        {
            return TransactionFileExport.Open(Client, new FileExportOptions
            {
                Path = path,
                Format = (ExportFormat)Enum.Parse(typeof(ExportFormat), Format, ignoreCase: true),
                AllCustomers = AllCustomers,
                Force = Force,
                ThrottleLimit = IsBound(nameof(ThrottleLimit)) ? ThrottleLimit : null,
                Transactions = new ListOptions
                {
                    Created = new CreatedBounds(CreatedAfter, CreatedOnOrAfter, CreatedBefore, CreatedOnOrBefore).Filter,
                    Expand = ExpandPaths.ForListItems(Expand),
                },
            }, Cancellation);
        }
        catch (StripeInputException refused)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters(refused.Message, nameof(Path)));
            throw;
        }
        catch (IOException failed)
        {
            ThrowTerminatingError(ErrorRecords.ExportFileFailed(failed, path));
            throw;
        }
    }

    // Rows go to the file in the engine; what comes back here is each customer's end and, now and then, a row for progress.
    private void Write(IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> events) => Commit(() =>
    {
        var enumerator = events.GetAsyncEnumerator(Cancellation);
        try
        {
            while (Await(enumerator.MoveNextAsync()))
            {
                var next = enumerator.Current;
                if (next.IsEnd)
                {
                    progress!.CustomerFinished(next.Customer);
                    CustomerEnds.Report(this, next, deletedIsWarning: true, resumeWith: "-Path");
                }
                else
                {
                    progress!.TransactionHandedOn(next.Customer);
                }
            }
        }
        catch (StripeException listingFailure)
        {
            ThrowTerminatingError(ErrorRecords.FromAccountListing(listingFailure, "-Path"));
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    });

    private void Commit(Action write)
    {
        try
        {
            write();
        }
        catch (IOException failed)
        {
            ThrowTerminatingError(ErrorRecords.ExportFileFailed(failed, export!.Path));
        }
    }
}
