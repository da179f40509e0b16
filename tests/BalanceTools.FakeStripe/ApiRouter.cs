namespace BalanceTools.FakeStripe;

/// <summary>Sends an authenticated request to its endpoint and turns any Stripe error into its JSON response.</summary>
internal sealed class ApiRouter(CustomerEndpoints customers, BalanceTransactionEndpoints transactions)
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    public ApiResponse Dispatch(string method, string rawPath, string rawQuery, string body, string? contentType, string requestId)
    {
        try
        {
            if (body.Length > 0 && contentType is not null
                && !contentType.StartsWith(FormContentType, StringComparison.OrdinalIgnoreCase))
            {
                throw new StripeErrorException(StripeErrors.UnsupportedContentType(contentType));
            }

            return (method, ApiRoute.Match(rawPath)) switch
            {
                ("GET", { Template: ApiRoute.CustomersTemplate }) => customers.List(rawQuery),
                ("GET", { Template: ApiRoute.CustomerTemplate, CustomerId: { } customerId }) => customers.Retrieve(customerId, rawQuery),
                ("GET", { Template: ApiRoute.TransactionsTemplate, CustomerId: { } customerId }) => transactions.List(customerId, rawQuery),
                ("GET", { Template: ApiRoute.TransactionTemplate, CustomerId: { } customerId, TransactionId: { } transactionId }) =>
                    transactions.Retrieve(customerId, transactionId, rawQuery),
                ("POST", { Template: ApiRoute.TransactionsTemplate, CustomerId: { } customerId }) => transactions.Create(customerId, body),
                ("POST", { Template: ApiRoute.TransactionTemplate, CustomerId: { } customerId, TransactionId: { } transactionId }) =>
                    transactions.Update(customerId, transactionId, body),
                _ => throw new StripeErrorException(StripeErrors.UnrecognizedUrl(method, rawPath)),
            };
        }
        catch (StripeErrorException error)
        {
            return ErrorJson.Render(error.Error, requestId);
        }
    }
}
