using System.Reflection;
using Stripe;

namespace BalanceTools.Benchmarks;

/// <summary>
/// Stripe's official .NET SDK (Stripe.net) reading a customer's balance transactions with its own auto-paging, as a
/// user of the SDK would write it: the peer the client is measured against.
/// </summary>
/// <remarks>
/// The only type that touches Stripe.net, and its signature uses none of the SDK's types, so the runtime loads the
/// SDK only when this reader runs (the client test suite references this project without the SDK).
/// </remarks>
public static class StripeNetReader
{
    /// <summary>The SDK's version as its package names it, for the tables.</summary>
    public static string Version =>
        typeof(StripeClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(StripeClient).Assembly.GetName().Version?.ToString() ?? "?";

    /// <summary>Calls <paramref name="onObject"/> once per transaction, in the order the SDK yields them.</summary>
    public static async Task ReadAsync(Uri baseUri, string apiKey, string customer, int pageSize, Action onObject)
    {
        var service = new CustomerBalanceTransactionService(new StripeClient(apiKey, apiBase: ApiBase(baseUri)));
        var options = new CustomerBalanceTransactionListOptions { Limit = pageSize };
        await foreach (var _ in service.ListAutoPagingAsync(customer, options))
        {
            onObject();
        }
    }

    // The SDK appends paths that start with a slash ("/v1/customers/…"), so a base with a trailing slash would send
    // "//v1/…"; the SDK's own default, https://api.stripe.com, has none either.
    private static string ApiBase(Uri baseUri) => baseUri.GetLeftPart(UriPartial.Authority);
}
