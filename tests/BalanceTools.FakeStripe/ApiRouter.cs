namespace BalanceTools.FakeStripe;

/// <summary>Sends an authenticated request to its endpoint and turns any Stripe error into its JSON response.</summary>
internal sealed class ApiRouter(BalanceTransactionEndpoints endpoints)
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
                ("GET", { TransactionId: null } list) => endpoints.List(list.CustomerId, rawQuery),
                ("GET", { TransactionId: { } transactionId } one) => endpoints.Retrieve(one.CustomerId, transactionId, rawQuery),
                ("POST", { TransactionId: null } create) => endpoints.Create(create.CustomerId, body),
                ("POST", { TransactionId: { } transactionId } update) => endpoints.Update(update.CustomerId, transactionId, body),
                _ => throw new StripeErrorException(StripeErrors.UnrecognizedUrl(method, rawPath)),
            };
        }
        catch (StripeErrorException error)
        {
            return ErrorJson.Render(error.Error, requestId);
        }
    }
}
