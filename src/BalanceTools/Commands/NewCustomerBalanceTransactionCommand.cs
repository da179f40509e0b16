using System.Collections;
using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools.Commands;

/// <summary>
/// Creates a balance transaction per piped row, several at once (-ThrottleLimit), results in input order. Every
/// request carries an idempotency key, reused on its retries, so a create is never applied twice; -IdempotencyKeyPrefix
/// (or an IdempotencyKey column) makes a re-run of a whole file safe as well.
/// </summary>
/// <remarks>
/// ConfirmImpact is Medium: it asks only when $ConfirmPreference is lowered or -Confirm is given, so an
/// unattended runbook never waits for an answer.
/// </remarks>
[Cmdlet(VerbsCommon.New, "CustomerBalanceTransaction", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(CustomerBalanceTransaction))]
public sealed class NewCustomerBalanceTransactionCommand : BatchedWriteCmdlet
{
    private const string AmountAdvice = "Amounts are whole minor units of the currency: 1250 is 12.50 USD, and -500 credits the customer 5.00.";

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("CustomerId")]
    [CustomerInput]
    [AllowEmptyString]
    [ValidateStripeId(StripeIdParameter.Customer)]
    public string Customer { get; set; } = string.Empty;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [WholeNumber(long.MinValue, long.MaxValue, Advice = AmountAdvice)]
    public long Amount { get; set; }

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ValidateCurrency]
    [ArgumentCompleter(typeof(CurrencyCompleter))]
    public string Currency { get; set; } = string.Empty;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateTextLength(InputRules.MaxDescriptionLength)]
    public string? Description { get; set; }

    [Parameter]
    [MetadataTransformation]
    public IDictionary? Metadata { get; set; }

    [Parameter]
    [ValidateExpand]
    [ArgumentCompleter(typeof(ExpandCompleter))]
    public string[] Expand { get; set; } = Array.Empty<string>();

    [Parameter(ValueFromPipelineByPropertyName = true)]
    [AllowEmptyString]
    [ValidateTextLength(InputRules.MaxIdempotencyKeyLength)]
    public string? IdempotencyKey { get; set; }

    /// <inheritdoc />
    internal override string ProgressActivity => "Creating balance transactions";

    /// <inheritdoc />
    protected override void ProcessRecord() => ForItem(Customer, () =>
    {
        var customer = Customer;
        var options = new CreateOptions
        {
            Amount = Amount,
            Currency = Currency,
            Description = string.IsNullOrEmpty(Description) ? null : Description,
            Metadata = NonEmpty(MetadataParameter.Read(Metadata)),
            Expand = Expand,
        };
        var action = $"Create a balance transaction of {Amount} (minor units of {Currency.ToLowerInvariant()}){(Amount < 0 ? ", a credit" : string.Empty)}";
        SendRow(
            customer,
            "customer " + customer,
            action,
            IdempotencyKey,
            keys => keys.ForCreate(customer, options),
            (client, key, token) => client.CreateAsync(customer, options, new RequestOptions { IdempotencyKey = key }, token));
    });

    // On create an empty value would only be dropped by Stripe; leaving it out keeps the body and the log clean.
    private static Dictionary<string, string> NonEmpty(Dictionary<string, string?> metadata) =>
        metadata.Where(pair => !string.IsNullOrEmpty(pair.Value)).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);
}
