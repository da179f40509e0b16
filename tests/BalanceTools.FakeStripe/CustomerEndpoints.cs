namespace BalanceTools.FakeStripe;

/// <summary>The customers list, <c>GET /v1/customers</c>: what a whole-account export pages through.</summary>
internal sealed class CustomerEndpoints(FakeStripeStore store)
{
    public ApiResponse List(string rawQuery)
    {
        var query = ListQueryParser.ParseCustomers(rawQuery);
        return CustomerJson.RenderList(store.Customers.ReadPage(query));
    }
}
