using System.Net.Http.Headers;
using System.Text.Json;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>What the fake server holds, read page by page over plain HTTP: the expected output, found without the module.</summary>
internal static class ServerContents
{
    public static IReadOnlyList<string> TransactionIdsNewestFirst(this FakeStripeServer server, string customer) =>
        server.TransactionsNewestFirst(customer).Select(transaction => transaction.Id).ToList();

    /// <summary>Every transaction of <paramref name="customer"/>, newest first, as id and description.</summary>
    public static IReadOnlyList<(string Id, string? Description)> TransactionsNewestFirst(this FakeStripeServer server, string customer)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        var transactions = new List<(string Id, string? Description)>();
        while (true)
        {
            var cursor = transactions.Count == 0 ? string.Empty : "&starting_after=" + transactions[^1].Id;
            using var page = JsonDocument.Parse(http.GetStringAsync($"v1/customers/{customer}/balance_transactions?limit=100{cursor}").GetAwaiter().GetResult());
            transactions.AddRange(page.RootElement.GetProperty("data").EnumerateArray()
                .Select(t => (t.GetProperty("id").GetString()!, t.GetProperty("description").GetString())));
            if (!page.RootElement.GetProperty("has_more").GetBoolean())
            {
                return transactions;
            }
        }
    }
}
