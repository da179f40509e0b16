using System.Net.Http.Headers;
using System.Text.Json;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>What the fake server holds, read page by page over plain HTTP: the expected output, found without the module.</summary>
internal static class ServerContents
{
    public static IReadOnlyList<string> TransactionIdsNewestFirst(this FakeStripeServer server, string customer)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.ApiKey);
        var ids = new List<string>();
        while (true)
        {
            var cursor = ids.Count == 0 ? string.Empty : "&starting_after=" + ids[^1];
            using var page = JsonDocument.Parse(http.GetStringAsync($"v1/customers/{customer}/balance_transactions?limit=100{cursor}").GetAwaiter().GetResult());
            ids.AddRange(page.RootElement.GetProperty("data").EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            if (!page.RootElement.GetProperty("has_more").GetBoolean())
            {
                return ids;
            }
        }
    }
}
