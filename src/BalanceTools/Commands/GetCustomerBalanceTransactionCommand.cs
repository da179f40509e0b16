using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools.Commands;

/// <summary>Gets one customer balance transaction, one page of them, or (with -All) every one, streamed.</summary>
[Cmdlet(VerbsCommon.Get, "CustomerBalanceTransaction", DefaultParameterSetName = ListSet)]
[OutputType(typeof(CustomerBalanceTransaction))]
public sealed class GetCustomerBalanceTransactionCommand : StripeCmdlet
{
    private const string ListSet = "List";
    private const string OneSet = "Id";
    private const int ProgressEvery = 100;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
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
    [Alias("CreatedGt")]
    [TimestampTransformation]
    public DateTime? CreatedAfter { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Alias("CreatedGte", "Since")]
    [TimestampTransformation]
    public DateTime? CreatedOnOrAfter { get; set; }

    [Parameter(ParameterSetName = ListSet)]
    [Alias("CreatedLt")]
    [TimestampTransformation]
    public DateTime? CreatedBefore { get; set; }

    [Parameter(ParameterSetName = ListSet)]
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

        if (Created().IsEmpty)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"No transaction can match these dates: {DescribeCreatedBounds()}. Check which bound is which.", "Created"));
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord() => ForItem(ParameterSetName == OneSet ? Id : Customer, () =>
    {
        if (ParameterSetName == OneSet)
        {
            Emit(Await(Client.RetrieveAsync(Customer, Id, new RetrieveOptions { Expand = Expand }, CallOptions(), Cancellation)));
        }
        else if (All)
        {
            StreamAll();
        }
        else
        {
            WriteOnePage();
        }
    });

    private ListOptions ListOptions() => new()
    {
        Limit = IsBound(nameof(Limit)) ? Limit : null,
        StartingAfter = StartingAfter,
        EndingBefore = EndingBefore,
        Invoice = Invoice,
        Expand = ExpandPaths.ForListItems(Expand),
        Created = Created(),
    };

    private CreatedFilter Created() => new()
    {
        GreaterThan = AsUtc(CreatedAfter),
        GreaterThanOrEqual = AsUtc(CreatedOnOrAfter),
        LessThan = AsUtc(CreatedBefore),
        LessThanOrEqual = AsUtc(CreatedOnOrBefore),
    };

    private string DescribeCreatedBounds()
    {
        var bounds = new (string Name, DateTime? Value)[]
        {
            (nameof(CreatedAfter), CreatedAfter),
            (nameof(CreatedOnOrAfter), CreatedOnOrAfter),
            (nameof(CreatedBefore), CreatedBefore),
            (nameof(CreatedOnOrBefore), CreatedOnOrBefore),
        };
        return string.Join(", ", bounds.Where(bound => bound.Value is not null)
            .Select(bound => $"-{bound.Name} {bound.Value!.Value.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture)}"));
    }

    private static DateTimeOffset? AsUtc(DateTime? value) => value is { } date ? StripeTimestamp.From(date) : null;

    private void WriteOnePage()
    {
        var page = Await(Client.ListAsync(Customer, ListOptions(), CallOptions(), Cancellation));
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

    // Objects are written as each page arrives and the enumerator is disposed as soon as the pipeline stops
    // (Select-Object -First throws out of WriteObject), so no page is fetched that nobody will read.
    private void StreamAll()
    {
        var progress = new ProgressRecord(1, "Get-CustomerBalanceTransaction -All", "Customer " + Customer);
        var enumerator = Client.ListAutoPagingAsync(Customer, ListOptions(), CallOptions(), Cancellation).GetAsyncEnumerator(Cancellation);
        var count = 0;
        try
        {
            while (Await(enumerator.MoveNextAsync()))
            {
                Emit(enumerator.Current);
                if (++count % ProgressEvery == 0)
                {
                    progress.StatusDescription = $"Customer {Customer}: {count} transactions";
                    WriteProgress(progress);
                }
            }
        }
        finally
        {
            enumerator.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        if (count >= ProgressEvery)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }
}
