using BalanceTools.Client;

namespace BalanceTools.Benchmarks;

/// <summary>The ways of reading every transaction of a customer that the benchmark compares.</summary>
public enum Reader
{
    /// <summary>The client's auto-paging stream, which -All uses (prefetches one page).</summary>
    Client,

    /// <summary>The client's single-page call in a loop, one page after another, as Stripe's SDKs page.</summary>
    Sequential,

    /// <summary>A minimal HttpClient + System.Text.Json loop.</summary>
    Raw,

    /// <summary>Stripe's official .NET SDK, Stripe.net, with its auto-paging.</summary>
    StripeNet,
}

/// <summary>One measured read: which reader, how many objects, at what consumer cost.</summary>
public sealed record Scenario(Reader Reader, string Customer, int Expected, TimeSpan CostPerObject)
{
    public const int PageSize = 100;

    /// <summary>Reads everything once, calling <paramref name="onObject"/> per object; returns the object count.</summary>
    public async Task<int> ReadAsync(Uri baseUri, string apiKey, Action onObject)
    {
        var count = 0;
        void Consume()
        {
            Consumer.Work(CostPerObject);
            count++;
            onObject();
        }

        switch (Reader)
        {
            case Reader.Raw:
                using (var raw = new RawPagingLoop(baseUri, apiKey))
                {
                    await foreach (var _ in raw.StreamAsync(Customer, PageSize))
                    {
                        Consume();
                    }
                }

                break;
            case Reader.StripeNet:
                await StripeNetReader.ReadAsync(baseUri, apiKey, Customer, PageSize, Consume);
                break;
            case Reader.Client:
                using (var client = CreateClient(baseUri, apiKey))
                {
                    await foreach (var _ in client.ListAutoPagingAsync(Customer, new ListOptions { Limit = PageSize }))
                    {
                        Consume();
                    }
                }

                break;
            default:
                using (var client = CreateClient(baseUri, apiKey))
                {
                    var options = new ListOptions { Limit = PageSize };
                    while (true)
                    {
                        var page = await client.ListAsync(Customer, options);
                        foreach (var _ in page.Data)
                        {
                            Consume();
                        }

                        if (!page.HasMore || page.Data.Count == 0)
                        {
                            break;
                        }

                        options = new ListOptions { Limit = PageSize, StartingAfter = page.Data[page.Data.Count - 1].Id };
                    }
                }

                break;
        }

        return count;
    }

    private static CustomerBalanceTransactionClient CreateClient(Uri baseUri, string apiKey) =>
        new(new StripeClientOptions { ApiKey = new StripeApiKey(apiKey), BaseUri = baseUri, MaxRequestsPerSecond = 0 });
}
