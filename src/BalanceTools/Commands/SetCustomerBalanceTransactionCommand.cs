using System.Collections;
using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools.Commands;

/// <summary>
/// Updates the description and metadata of a balance transaction (nothing else can change) and returns the result.
/// Takes the output of Get-CustomerBalanceTransaction from the pipeline and updates several at once (-ThrottleLimit),
/// results in input order.
/// </summary>
[Cmdlet(VerbsCommon.Set, "CustomerBalanceTransaction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CustomerBalanceTransaction))]
public sealed class SetCustomerBalanceTransactionCommand : BatchedWriteCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerId")]
    [AllowEmptyString]
    [ValidateStripeId(StripeIdParameter.Customer)]
    public string Customer { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [Alias("TransactionId")]
    [AllowEmptyString]
    [ValidateStripeId(StripeIdParameter.BalanceTransaction)]
    public string Id { get; set; } = string.Empty;

    [Parameter]
    [AllowEmptyString]
    [ValidateTextLength(InputRules.MaxDescriptionLength)]
    public string? Description { get; set; }

    [Parameter]
    [MetadataTransformation]
    public IDictionary? Metadata { get; set; }

    [Parameter]
    public SwitchParameter ClearMetadata { get; set; }

    [Parameter]
    [ValidateExpand]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    public string[] Expand { get; set; } = Array.Empty<string>();

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ValidateTextLength(InputRules.MaxIdempotencyKeyLength)]
    public string? IdempotencyKey { get; set; }

    /// <summary>Refuses, before any item, a call that asks for nothing or for two contradictory things.</summary>
    protected override void BeginProcessing()
    {
        var hasMetadata = Metadata is { Count: > 0 };
        if (ClearMetadata && hasMetadata)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters("-ClearMetadata removes every key and cannot be combined with -Metadata; clear first, then set.", nameof(Metadata)));
        }

        if (Description is null && !hasMetadata && !ClearMetadata)
        {
            ThrowTerminatingError(ErrorRecords.InvalidParameters("Nothing to update: give -Description, -Metadata or -ClearMetadata.", nameof(Description)));
        }

        base.BeginProcessing();
    }

    /// <inheritdoc />
    internal override string ProgressActivity => "Updating balance transactions";

    /// <inheritdoc />
    protected override void ProcessRecord() => ForItem(Id, () =>
    {
        var customer = Customer;
        var id = Id;
        var options = new UpdateOptions
        {
            Description = Description,
            Metadata = MetadataParameter.Read(Metadata),
            ClearMetadata = ClearMetadata,
            Expand = Expand,
        };
        SendRow(
            id,
            $"balance transaction {id} of customer {customer}",
            Describe(options),
            IdempotencyKey,
            keys => keys.ForUpdate(customer, id, options),
            (client, key, token) => client.UpdateAsync(customer, id, options, new RequestOptions { IdempotencyKey = key }, token));
    });

    private static string Describe(UpdateOptions options)
    {
        var changes = new List<string>();
        if (options.Description is not null)
        {
            changes.Add(options.Description.Length == 0 ? "clear the description" : $"set the description to '{options.Description}'");
        }

        if (options.ClearMetadata)
        {
            changes.Add("remove all metadata");
        }

        var removed = options.Metadata.Where(pair => string.IsNullOrEmpty(pair.Value)).Select(pair => pair.Key).ToList();
        var set = options.Metadata.Where(pair => !string.IsNullOrEmpty(pair.Value)).Select(pair => pair.Key).ToList();
        if (set.Count > 0)
        {
            changes.Add("set metadata " + string.Join(", ", set));
        }

        if (removed.Count > 0)
        {
            changes.Add("remove metadata " + string.Join(", ", removed));
        }

        return "Update: " + string.Join("; ", changes);
    }
}
