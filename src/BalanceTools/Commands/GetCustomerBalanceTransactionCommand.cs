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

    private BalanceExport? export;
    private ExportProgress? progress;

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
    [WholeNumber(1, 64, Advice = "It is how many customers are listed at once (16 unless given); more only wait at the rate limit.")]
    public int ThrottleLimit { get; set; } = StripeDefaults.ThrottleLimit;

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

        if (Created().IsEmpty)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"No transaction can match these dates: {DescribeCreatedBounds()}. Check which bound is which.", "Created"));
        }

        if (ParameterSetName == AllCustomersSet && (MyInvocation.ExpectingInput || IsBound(nameof(Customer))))
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters("-AllCustomers lists every customer of the account itself: give it without -Customer and without piping customers in (pipe customers with -All to export only those).", nameof(AllCustomers)));
        }

        if (ParameterSetName != AllCustomersSet && !MyInvocation.ExpectingInput && !IsBound(nameof(Customer)))
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters("Say whose transactions to get: give -Customer cus_…, pipe customers in (ids, or objects with a Customer or CustomerId property, such as Import-Csv rows), or use -AllCustomers for every customer of the account.", nameof(Customer)));
        }

        if (CheckpointPath is not null)
        {
            ResolveCheckpointFile();
        }
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        if (ParameterSetName == AllCustomersSet)
        {
            ExportAllCustomers();
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
                ExportPipedCustomer();
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
            while (Await(export.NextAsync(wait: true, Cancellation)) is { } next)
            {
                HandOn(next);
            }

            export.Complete();
            progress!.Completed();
        }

        base.EndProcessing();
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        export?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        export = null;
    }

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

    // The customer joins the export; events are handed on until there is room for the next piped customer, so at
    // most -ThrottleLimit customers are in flight and the rest wait upstream in the pipeline.
    private void ExportPipedCustomer()
    {
        export ??= StartExport(BalanceExport.ForCustomers);
        bool added;
        try
        {
            added = export.Add(Customer);
        }
        catch (StripeInputException mismatch)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters(mismatch.Message, nameof(CheckpointPath)));
            return;
        }

        if (!added)
        {
            WriteVerbose($"Customer {Customer} was exported by an earlier run (checkpoint {CheckpointPath}); skipped.");
        }

        while (Await(export.NextAsync(wait: !export.HasRoom, Cancellation)) is { } next)
        {
            HandOn(next);
        }
    }

    private void ExportAllCustomers()
    {
        export = StartExport(BalanceExport.ForAllCustomers);
        if (export.AlreadyFinished)
        {
            WriteWarning($"The checkpoint {CheckpointPath} says an earlier run exported every customer; nothing to do. Give a new checkpoint file for a new export.");
            return;
        }

        var events = export.ExportAllCustomersAsync(Cancellation).GetAsyncEnumerator(Cancellation);
        try
        {
            while (Await(events.MoveNextAsync()))
            {
                HandOn(events.Current);
            }
        }
        catch (StripeException listingFailure)
        {
            ThrowTerminatingError(ErrorRecords.From(listingFailure, "customers"));
        }
        finally
        {
            events.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        progress!.Completed();
    }

    private BalanceExport StartExport(Func<CustomerBalanceTransactionClient, BalanceExportOptions, CancellationToken, BalanceExport> create)
    {
        var client = Client;
        try
        {
            var started = create(client, new BalanceExportOptions
            {
                ThrottleLimit = ThrottleLimit,
                Transactions = ListOptions(),
                CheckpointPath = checkpointFile,
            }, Cancellation);
            progress = new ExportProgress(this, started, ParameterSetName == AllCustomersSet);
            return started;
        }
        catch (StripeInputException unreadable)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters(unreadable.Message, nameof(CheckpointPath)));
            throw;
        }
    }

    private void HandOn(FanOutEvent<CustomerBalanceTransaction> next)
    {
        if (!next.IsEnd)
        {
            try
            {
                Emit(next.Item);
            }
            catch (PipelineStoppedException) when (!Stopping)
            {
                // Stopping is set before a Ctrl+C, Stop() or Stop-Job reaches any command, so a stop without it came
                // from downstream, from a command that took this object and wants no more (Select-Object -First): it
                // was handed on.
                export!.Acknowledge();
                throw;
            }

            if (Stopping)
            {
                // A stopping pipeline drops an object without telling the command that wrote it, or stops once the
                // next command took it: it is not counted, so a resumed run gives it again (at most this one row may
                // then be there twice; none is ever lost).
                throw new PipelineStoppedException();
            }

            export!.Acknowledge();
            progress!.TransactionHandedOn(next.Customer);
            return;
        }

        if (next.Failure is not OperationCanceledException || !Cancellation.IsCancellationRequested)
        {
            export!.Acknowledge();
        }

        progress!.CustomerFinished(next.Customer);
        switch (next.Failure)
        {
            case null:
                return;
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                throw new PipelineStoppedException();
            case StripeException failure:
                FlushRequestEvents();
                WriteError(CheckpointPath is null ? ErrorRecords.From(failure, next.Customer) : ErrorRecords.FromCheckpointedCustomer(failure, next.Customer));
                return;
            case ArgumentException invalid:
                WriteError(ErrorRecords.InvalidArgument(invalid, next.Customer));
                return;
            default:
                throw next.Failure;
        }
    }

    /// <summary>Refuses a -CheckpointPath that cannot serve this command, else resolves it to <see cref="checkpointFile"/>.</summary>
    private void ResolveCheckpointFile()
    {
        if (ParameterSetName == ListSet && !All)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"-CheckpointPath records where an export of many transactions stands, so it needs -All or -AllCustomers (got -CheckpointPath {CheckpointPath} alone).", nameof(CheckpointPath)));
        }

        if (EndingBefore is not null)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"-CheckpointPath resumes exports that page from newest to oldest, so it cannot be combined with -EndingBefore {EndingBefore}.", nameof(CheckpointPath)));
        }

        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(CheckpointPath);
        var folder = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(folder) && !System.IO.Directory.Exists(folder))
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"The folder of -CheckpointPath {CheckpointPath} does not exist ({folder}). Create it first, or give a file in an existing folder.", nameof(CheckpointPath)));
        }

        if (System.IO.Directory.Exists(path))
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters($"-CheckpointPath {CheckpointPath} is a folder; give a file name in it, such as {System.IO.Path.Combine(CheckpointPath!, "export-checkpoint.json")}.", nameof(CheckpointPath)));
        }

        checkpointFile = path;
    }
}
