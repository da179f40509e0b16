using System.Collections.Frozen;

namespace BalanceTools.FakeStripe;

/// <summary>The four customer balance transaction operations, from validated parameters to rendered JSON.</summary>
internal sealed class BalanceTransactionEndpoints(FakeStripeStore store)
{
    private const int MaxDescriptionLength = 350;

    private static readonly FrozenDictionary<string, ParameterShape> RetrieveSchema = new Dictionary<string, ParameterShape>
    {
        ["expand"] = ParameterShape.Array,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ParameterShape> CreateSchema = new Dictionary<string, ParameterShape>
    {
        ["amount"] = ParameterShape.Scalar,
        ["currency"] = ParameterShape.Scalar,
        ["description"] = ParameterShape.Scalar,
        ["metadata"] = ParameterShape.Hash,
        ["expand"] = ParameterShape.Array,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, ParameterShape> UpdateSchema = new Dictionary<string, ParameterShape>
    {
        ["description"] = ParameterShape.Scalar,
        ["metadata"] = ParameterShape.Hash,
        ["expand"] = ParameterShape.Array,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public ApiResponse List(string customerId, string rawQuery)
    {
        var query = ListQueryParser.Parse(rawQuery);
        var page = store.RequireCustomer(customerId).ReadPage(query);
        return TransactionJson.RenderList(page, query.Expand);
    }

    public ApiResponse Retrieve(string customerId, string transactionId, string rawQuery)
    {
        var parameters = RequestParameters.Parse(rawQuery, RetrieveSchema);
        var expand = ExpansionParser.Parse(parameters.Array("expand"), forList: false);
        var (transaction, customer) = store.RequireCustomer(customerId).Retrieve(transactionId);
        return TransactionJson.RenderObject(transaction, customer, expand);
    }

    public ApiResponse Create(string customerId, string body)
    {
        var parameters = RequestParameters.Parse(body, CreateSchema);
        var amount = RequestParameters.ParseInteger(Required(parameters, "amount"), "amount")!.Value;
        if (amount == 0)
        {
            throw new StripeErrorException(StripeErrors.InvalidParameter("amount", "Invalid amount: must be a non-zero integer."));
        }

        var currency = Required(parameters, "currency");
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
        {
            throw new StripeErrorException(StripeErrors.InvalidParameter(
                "currency", $"Invalid currency: {currency}. Stripe currently supports these currencies: usd, eur, gbp, ..."));
        }

        var description = Description(parameters);
        var metadata = MetadataEdit.From(parameters).ApplyTo(TransactionRecord.NoMetadata);
        var expand = ExpansionParser.Parse(parameters.Array("expand"), forList: false);
        var (transaction, customer) = store.RequireCustomer(customerId)
            .Create(amount, currency.ToLowerInvariant(), description, metadata);
        return TransactionJson.RenderObject(transaction, customer, expand);
    }

    public ApiResponse Update(string customerId, string transactionId, string body)
    {
        var parameters = RequestParameters.Parse(body, UpdateSchema);
        var descriptionGiven = parameters.Scalar("description") is not null;
        var description = Description(parameters);
        var metadataEdit = MetadataEdit.From(parameters);
        var expand = ExpansionParser.Parse(parameters.Array("expand"), forList: false);
        var (transaction, customer) = store.RequireCustomer(customerId).Update(transactionId, current => current.WithEdits(
            descriptionGiven ? description : current.Description,
            metadataEdit.ApplyTo(current.Metadata)));
        return TransactionJson.RenderObject(transaction, customer, expand);
    }

    private static string Required(RequestParameters parameters, string name) =>
        parameters.Scalar(name) is { Length: > 0 } value
            ? value
            : throw new StripeErrorException(StripeErrors.MissingParameter(name));

    // An empty description unsets it, as for every optional Stripe string.
    private static string? Description(RequestParameters parameters) =>
        parameters.Scalar("description") switch
        {
            null or "" => null,
            { Length: > MaxDescriptionLength } tooLong =>
                throw new StripeErrorException(StripeErrors.StringTooLong("description", tooLong, MaxDescriptionLength)),
            var value => value,
        };
}
