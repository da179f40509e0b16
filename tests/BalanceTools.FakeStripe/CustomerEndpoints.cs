using System.Collections.Frozen;

namespace BalanceTools.FakeStripe;

/// <summary>
/// The customers list, <c>GET /v1/customers</c>, which a whole-account export pages through, and the retrieval of
/// one customer, <c>GET /v1/customers/{customer}</c>, deleted ones included.
/// </summary>
internal sealed class CustomerEndpoints(FakeStripeStore store)
{
    private static readonly FrozenDictionary<string, ParameterShape> RetrieveSchema = new Dictionary<string, ParameterShape>
    {
        ["expand"] = ParameterShape.Array,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public ApiResponse List(string rawQuery)
    {
        var query = ListQueryParser.ParseCustomers(rawQuery);
        return CustomerJson.RenderList(store.Customers.ReadPage(query));
    }

    public ApiResponse Retrieve(string customerId, string rawQuery)
    {
        var parameters = RequestParameters.Parse(rawQuery, RetrieveSchema);
        ExpansionParser.RefuseAny(parameters.Array("expand"));
        if (store.Customers.TryGet(customerId, out var ledger))
        {
            return CustomerJson.RenderObject(ledger.Snapshot());
        }

        return store.Customers.WasDeleted(customerId)
            ? CustomerJson.RenderDeleted(customerId)
            : throw new StripeErrorException(StripeErrors.NoSuchCustomer(customerId, "id"));
    }
}
