using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools.Commands;

/// <summary>
/// Gets one customer balance transaction, one page of them, (with -All) every one of the customers piped in, or
/// (with -AllCustomers) every one of the account, several customers at a time, in order, resumable.
/// </summary>
[Cmdlet(VerbsCommon.Get, "CustomerBalanceTransaction", DefaultParameterSetName = ListSet)]
[OutputType(typeof(CustomerBalanceTransaction))]
public sealed class GetCustomerBalanceTransactionCommand : StripeCmdlet
{
    private const string ListSet = "List";
    private const string OneSet = "Id";
    private const string AllCustomersSet = "AllCustomers";

    private PipelineExport? export;

    /// <summary>-CheckpointPath as a file-system path, resolved once when it was checked.</summary>
    private string? checkpointFile;

    // In every set and not mandatory: PowerShell binds a piped row's Customer and Id to the Id set only when Customer
    // belongs to all sets; declared per set, the row binds to the default (list) set. Presence is checked instead.
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerId")]
    [CustomerInput]
    [AllowEmptyString]
    [ValidateStripeId(StripeIdParameter.Customer)]
    public string Customer { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ParameterSetName = OneSet, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionId")]
    [AllowEmptyString]
    [ValidateStripeId(StripeIdParameter.BalanceTransaction)]
    public string Id { get; set; } = string.Empty;

    [Parameter(ParameterSetName = ListSet)]
    public SwitchParameter All { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AllCustomersSet)]
    public SwitchParameter AllCustomers { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AllCustomersSet)]
    [WholeNumber(1, 64, Advice = "It is the most requests in flight and customers listed at once; without it the number follows the measured latency and the rate limit.")]
    public int ThrottleLimit { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AllCustomersSet)]
    [ValidateNotNullOrEmpty]
    public string? CheckpointPath { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [WholeNumber(1, 100)]
    public int Limit { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateStripeId(StripeIdParameter.BalanceTransaction)]
    public string? StartingAfter { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [ValidateStripeId(StripeIdParameter.BalanceTransaction)]
    public string? EndingBefore { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AllCustomersSet)]
    [Alias("CreatedGt")]
    [TimestampTransformation]
    public DateTime? CreatedAfter { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AllCustomersSet)]
    [Alias("CreatedGte", "Since")]
    [TimestampTransformation]
    public DateTime? CreatedOnOrAfter { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AllCustomersSet)]
    [Alias("CreatedLt")]
    [TimestampTransformation]
    public DateTime? CreatedBefore { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Parameter(ParameterSetName = AllCustomersSet)]
    [Alias("CreatedLte", "Until")]
    [TimestampTransformation]
    public DateTime? CreatedOnOrBefore { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Alias("InvoiceId")]
    [ValidateStripeId(StripeIdParameter.Invoice)]
    public string? Invoice { get; set; }

    [Parameter]
    [ValidateExpand]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    public string[] Expand { get; set; } = Array.Empty<string>();

    /// <summary>Refuses, before any item, parameters that contradict each other.</summary>
    protected override void BeginProcessing()
    {
        if (StartingAfter is not null && EndingBefore is not null)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"Give -StartingAfter or -EndingBefore, not both (got -StartingAfter {StartingAfter} and -EndingBefore {EndingBefore}): -StartingAfter pages on to older transactions, -EndingBefore back to newer ones.", nameof(EndingBefore)));
        }

        if (new CreatedBounds(CreatedAfter, CreatedOnOrAfter, CreatedBefore, CreatedOnOrBefore).Contradiction() is { } contradiction)
        {
            ThrowTerminatingError(contradiction);
        }

        ExportParameters.CheckCustomerSource(this, ParameterSetName == AllCustomersSet, IsBound(nameof(Customer)), "with -All");
        if (CheckpointPath is not null)
        {
            checkpointFile = ExportParameters.ResolveCheckpointPath(this, CheckpointPath, ParameterSetName != ListSet || All, EndingBefore);
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == AllCustomersSet)
        {
            export = PipelineExport.Start(this, allCustomers: true, ExportOptions());
            export.ExportAllCustomers();
            return;
        }

        ForItem(ParameterSetName == OneSet ? Id : Customer, () =>
        {
            if (ParameterSetName == OneSet)
            {
                Emit(Await(Client.RetrieveAsync(Customer, Id, new RetrieveOptions { Expand = Expand }, cancellationToken: Cancellation)));
            }
            else if (All)
            {
                export ??= PipelineExport.Start(this, allCustomers: false, ExportOptions());
                export.Add(Customer);
            }
            else
            {
                WriteOnePage();
            }
        });
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (export is not null && ParameterSetName == ListSet)
        {
            export.Finish();
        }

        base.EndProcessing();
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        export?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        export = null;
    }

    private BalanceExportOptions ExportOptions() => new()
    {
        ThrottleLimit = IsBound(nameof(ThrottleLimit)) ? ThrottleLimit : null,
        Transactions = ListOptions(),
        CheckpointPath = checkpointFile,
    };

    private ListOptions ListOptions() => new()
    {
        Limit = IsBound(nameof(Limit)) ? Limit : null,
        StartingAfter = StartingAfter,
        EndingBefore = EndingBefore,
        Invoice = Invoice,
        Expand = ExpandPaths.ForListItems(Expand),
        Created = new CreatedBounds(CreatedAfter, CreatedOnOrAfter, CreatedBefore, CreatedOnOrBefore).Filter,
    };

    private void WriteOnePage()
    {
        var page = Await(Client.ListAsync(Customer, ListOptions(), cancellationToken: Cancellation));
        foreach (var transaction in page.Data)
        {
            Emit(transaction);
        }

        if (page.HasMore && page.Data.Count > 0)
        {
            var next = EndingBefore is null ? "-StartingAfter " + page.Data[page.Data.Count - 1].Id : "-EndingBefore " + page.Data[0].Id;
            WriteVerbose($"More transactions exist. Use -All to stream them all, or {next} for the next page.");
        }
    }
}
