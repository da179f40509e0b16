using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace BalanceTools.Client;

/// <summary>
/// The balance transactions of many customers — piped in one by one, or every customer of the account — listed
/// <see cref="BalanceExportOptions.ThrottleLimit"/> at a time and handed on in order, with progress kept in an
/// optional <see cref="ExportCheckpoint"/>. The one engine behind <c>Get-CustomerBalanceTransaction -All</c> and
/// <c>-AllCustomers</c>, <see cref="TransactionFileExport"/> (<c>Export-CustomerBalanceTransaction</c>) and the CLI.
/// </summary>
/// <remarks>
/// An event counts as handed on when the caller asks for the next one (for a cmdlet: when <c>WriteObject</c>
/// returned), so the checkpoint never claims a transaction the next command did not receive. A customer in progress
/// when a run stops continues, on the next run, after the last transaction handed on: nothing is handed on twice,
/// and transactions it gained since the stop (newer than those handed on) wait for the next full export. With an
/// output file, every save of the checkpoint first commits the file (<see cref="ICommittedOutput"/>), so the two are
/// saved together. A customer that no longer exists (deleted before or during the run) is counted in
/// <see cref="CustomersDeleted"/>, not retried.
/// </remarks>
public sealed class BalanceExport : IAsyncDisposable
{
    private const int TransactionsBetweenSaves = 100;

    private readonly CustomerBalanceTransactionClient client;
    private readonly BalanceExportOptions options;
    private readonly CustomerFanOut<CustomerBalanceTransaction> fanOut;
    private readonly ListingContext listing;
    private readonly ExportCheckpoint? checkpoint;
    private readonly ICommittedOutput? output;
    private readonly Queue<StartedCustomer> startedInWindow = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly Stopwatch sinceSave = Stopwatch.StartNew();
    private FanOutEvent<CustomerBalanceTransaction>? unacknowledged;
    private long inputPosition;
    private int transactionsSinceSave;
    private bool disposed;

    internal BalanceExport(CustomerBalanceTransactionClient client, BalanceExportOptions options, ExportCheckpoint? checkpoint, ICommittedOutput? output, CancellationToken cancellationToken)
    {
        this.client = client ?? throw new ArgumentNullException(nameof(client));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        this.checkpoint = checkpoint;
        this.output = output;
        var inFlight = new InFlightTarget(options.ThrottleLimit, client.MaxRequestsPerSecond, client.Latency);
        fanOut = new CustomerFanOut<CustomerBalanceTransaction>(() => inFlight.Current, options.BufferPerCustomer, cancellationToken);
        listing = new ListingContext(client, options.RequestOptions, new RequestSlots(() => inFlight.Current), () => inFlight.Current);
    }

    /// <summary>Customers started (listed, or piped and not skipped).</summary>
    public long CustomersFound { get; private set; }

    /// <summary>Customers whose every transaction was handed on.</summary>
    public long CustomersCompleted { get; private set; }

    /// <summary>Customers whose listing failed.</summary>
    public long CustomersFailed { get; private set; }

    /// <summary>Customers that no longer exist (deleted before or during the run): warnings, not failures.</summary>
    public long CustomersDeleted { get; private set; }

    /// <summary>How many times this run saved the checkpoint (with an output file: committed the file and the checkpoint).</summary>
    public long Commits { get; private set; }

    /// <summary>Piped customers skipped because the checkpoint says an earlier run handed them on.</summary>
    public long CustomersSkipped { get; private set; }

    /// <summary>Transactions handed on by this run.</summary>
    public long TransactionsHandedOn { get; private set; }

    /// <summary>Transactions listed and waiting for their customer's turn.</summary>
    public int Buffered => fanOut.Buffered;

    /// <summary>Time since the export was created.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>True when the checkpoint says an earlier run already handed on everything and no customer failed.</summary>
    public bool AlreadyFinished => checkpoint is { IsComplete: true };

    /// <summary>True when another customer may be added without waiting.</summary>
    public bool HasRoom => fanOut.HasRoom;

    /// <summary>The checkpoint in use, if any.</summary>
    public ExportCheckpoint? Checkpoint => checkpoint;

    /// <summary>An export of customers the caller adds with <see cref="Add"/>, in the order added.</summary>
    public static BalanceExport ForCustomers(CustomerBalanceTransactionClient client, BalanceExportOptions options, CancellationToken cancellationToken = default) =>
        Create(client, options, allCustomers: false, cancellationToken);

    /// <summary>An export of every customer of the account, through <see cref="ExportAllCustomersAsync"/>.</summary>
    public static BalanceExport ForAllCustomers(CustomerBalanceTransactionClient client, BalanceExportOptions options, CancellationToken cancellationToken = default) =>
        Create(client, options, allCustomers: true, cancellationToken);

    /// <summary>
    /// Adds the next customer of the input; false when the checkpoint says an earlier run handed it on. Call only
    /// while <see cref="HasRoom"/>; read events with <see cref="NextAsync"/> to make room.
    /// </summary>
    public bool Add(string customer)
    {
        var position = inputPosition++;
        if (checkpoint is null)
        {
            Start(customer, null, new StartedCustomer(false, null));
            return true;
        }

        if (position < checkpoint.CustomersDone)
        {
            if (position == checkpoint.CustomersDone - 1 && checkpoint.LastCustomerDone != customer)
            {
                throw Mismatch(position, customer, checkpoint.LastCustomerDone);
            }

            if (checkpoint.FailedCustomers.TryGetValue(customer, out var failedAfter))
            {
                Start(customer, failedAfter, new StartedCustomer(true, null));
                return true;
            }

            CustomersSkipped++;
            return false;
        }

        if (position == checkpoint.CustomersDone && checkpoint.CustomerInProgress is { } inProgress)
        {
            if (inProgress != customer)
            {
                throw Mismatch(position, customer, inProgress);
            }

            Start(customer, checkpoint.LastTransactionHandedOn, new StartedCustomer(false, null));
            return true;
        }

        Start(customer, null, new StartedCustomer(false, null));
        return true;
    }

    /// <summary>
    /// The next event in order, after counting the previous one as handed on. With <paramref name="wait"/> false,
    /// null when nothing is ready yet; with it true, null once every customer added is finished.
    /// </summary>
    public async ValueTask<FanOutEvent<CustomerBalanceTransaction>?> NextAsync(bool wait, CancellationToken cancellationToken = default)
    {
        Acknowledge();
        var next = await fanOut.NextAsync(wait, cancellationToken).ConfigureAwait(false);
        unacknowledged = next;
        return next;
    }

    /// <summary>Every event of the customers added so far, waiting for each.</summary>
    public IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> RemainingAsync(CancellationToken cancellationToken = default) =>
        EventsAsync(untilRoom: false, cancellationToken);

    /// <summary>
    /// Lists the account's customers (resuming past the checkpoint's position, with failed ones retried first)
    /// and yields every event of every customer, then records the export as finished.
    /// </summary>
    public async IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> ExportAllCustomersAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (AlreadyFinished)
        {
            yield break;
        }

        foreach (var failed in checkpoint?.FailedCustomers.ToList() ?? new List<KeyValuePair<string, string?>>())
        {
            await foreach (var ready in EventsAsync(untilRoom: true, cancellationToken).ConfigureAwait(false))
            {
                yield return ready;
            }

            Start(failed.Key, failed.Value, new StartedCustomer(true, null));
        }

        // A finished export that had failures only retries those: the listing already went through every customer.
        if (checkpoint?.IsFinished != true)
        {
            // The customer in progress comes next in the listing's order anyway; started from the checkpoint, it is
            // counted as deleted if it no longer exists rather than silently missing from the listing.
            var inProgress = checkpoint?.CustomerInProgressCreated is { } created ? new StripeCustomer { Id = checkpoint.CustomerInProgress!, Created = DateTimeOffset.FromUnixTimeSeconds(created) } : null;
            if (inProgress is not null)
            {
                await foreach (var ready in EventsAsync(untilRoom: true, cancellationToken).ConfigureAwait(false))
                {
                    yield return ready;
                }

                Start(inProgress.Id, checkpoint!.LastTransactionHandedOn, new StartedCustomer(false, inProgress));
            }

            var customers = AccountCustomers.ListAsync(client, CustomersCreatedBy(options.Transactions.Created), checkpoint?.Position, options.RequestOptions, StripeDefaults.AutoPagingPageSize, cancellationToken);
            await foreach (var customer in customers.ConfigureAwait(false))
            {
                if (customer.Id == inProgress?.Id)
                {
                    continue;
                }

                await foreach (var ready in EventsAsync(untilRoom: true, cancellationToken).ConfigureAwait(false))
                {
                    yield return ready;
                }

                Start(customer.Id, null, new StartedCustomer(false, customer));
            }
        }

        await foreach (var ready in RemainingAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ready;
        }

        Complete();
    }

    /// <summary>Records that everything was handed on (the caller consumed the last event).</summary>
    public void Complete()
    {
        Acknowledge();
        if (checkpoint is not null)
        {
            checkpoint.MarkFinished();
            Save();
        }
    }

    /// <summary>
    /// Saves what was handed on (unless the output file is no longer intact: then the last commit stands), then
    /// cancels every listing still running and releases the checkpoint, even when the save fails.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        try
        {
            if (output?.IsIntact != false)
            {
                Save();
            }
        }
        finally
        {
            try
            {
                await fanOut.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                checkpoint?.Dispose();
            }
        }
    }

    /// <summary>
    /// The customers that can have transactions within <paramref name="transactions"/>: a transaction is never older
    /// than its customer, so only the upper bounds carry over; the lower bounds say nothing about customers.
    /// </summary>
    private static CreatedFilter? CustomersCreatedBy(CreatedFilter? transactions) =>
        transactions is { LessThan: null, LessThanOrEqual: null } or null
            ? null
            : new CreatedFilter { LessThan = transactions.LessThan, LessThanOrEqual = transactions.LessThanOrEqual };

    private static BalanceExport Create(CustomerBalanceTransactionClient client, BalanceExportOptions options, bool allCustomers, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        var checkpoint = options.CheckpointPath is { } path ? ExportCheckpoint.OpenOrCreate(path, ExportScope.For(allCustomers, options.Transactions)) : null;
        return new BalanceExport(client, options, checkpoint, output: null, cancellationToken);
    }

    private async IAsyncEnumerable<FanOutEvent<CustomerBalanceTransaction>> EventsAsync(bool untilRoom, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await NextAsync(wait: !untilRoom || !HasRoom, cancellationToken).ConfigureAwait(false) is { } ready)
        {
            yield return ready;
        }
    }

    private void Start(string customer, string? resumeAfter, StartedCustomer started)
    {
        var template = options.Transactions;
        var listOptions = template.WithCursor(template.Limit ?? StripeDefaults.AutoPagingPageSize, resumeAfter ?? template.StartingAfter, resumeAfter is null ? template.EndingBefore : null);
        var order = CustomersFound;
        var created = started.Listed?.Created.ToUnixTimeSeconds();
        fanOut.Add(customer, token => TransactionListing.StreamAsync(listing, customer, created, listOptions, order, token));
        startedInWindow.Enqueue(started);
        CustomersFound++;
    }

    // With an output file, first the file, then the checkpoint that records its committed length.
    private void Save()
    {
        if (checkpoint is null)
        {
            return;
        }

        options.Trace?.Invoke($"committing {checkpoint.TransactionsHandedOn} transactions");
        if (output is not null)
        {
            checkpoint.CommittedLength = output.Commit();
        }

        checkpoint.Save();
        Commits++;
        options.Trace?.Invoke($"committed {checkpoint.TransactionsHandedOn} transactions" + (checkpoint.CommittedLength is { } length ? $", {length} bytes" : string.Empty));
        transactionsSinceSave = 0;
        sinceSave.Restart();
    }

    // Without an output file after every customer and every 100 transactions; with one at its commit interval, as
    // each commit costs a flush to disk.
    private void SaveIfDue(bool customerEnded)
    {
        if (checkpoint is null)
        {
            return;
        }

        var due = output is null
            ? customerEnded || ++transactionsSinceSave >= TransactionsBetweenSaves
            : sinceSave.Elapsed >= output.CommitInterval;
        if (due)
        {
            Save();
        }
    }

    /// <summary>
    /// The last event given was handed on (a cmdlet's <c>WriteObject</c> returned). <see cref="NextAsync"/> assumes
    /// this of the previous event anyway; saying it earlier keeps the counts and the checkpoint exact in between.
    /// </summary>
    public void Acknowledge()
    {
        if (unacknowledged is not { } handedOn)
        {
            return;
        }

        unacknowledged = null;
        if (!handedOn.IsEnd)
        {
            TransactionsHandedOn++;
            checkpoint?.HandedOn(handedOn.Customer, handedOn.Item.Id, startedInWindow.Peek().Listed?.Created.ToUnixTimeSeconds());
            SaveIfDue(customerEnded: false);
            return;
        }

        var started = startedInWindow.Dequeue();
        if (handedOn.Failure is null)
        {
            CustomersCompleted++;
        }
        else if (ExportFailures.IsDeletedCustomer(handedOn.Failure))
        {
            CustomersDeleted++;
        }
        else
        {
            CustomersFailed++;
        }

        checkpoint?.Finished(handedOn.Customer, started.Retried, handedOn.Failure, started.Listed);
        SaveIfDue(customerEnded: true);
    }

    /// <summary>How a customer came into the window: retried from the checkpoint's failures, or listed from the account.</summary>
    private readonly record struct StartedCustomer(bool Retried, StripeCustomer? Listed);

    private StripeInputException Mismatch(long position, string customer, string? expected) => new(
        $"The checkpoint file {InputText.Quote(checkpoint!.Path)} was written for a different list of customers: customer {position + 1} of that run was {expected}, here it is {customer}. Pipe the same customers in the same order, or give a new checkpoint file.",
        "checkpoint");
}
