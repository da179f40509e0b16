using System.Globalization;
using System.Management.Automation;
using BalanceTools.FakeStripe;

namespace BalanceTools.Hosted.Tests;

/// <summary>A bulk-credit file as Import-Csv reads it: one row per credit, spread over a few customers, each row told apart by its description.</summary>
internal sealed class CreditRows
{
    private CreditRows(IReadOnlyList<string> customers, IReadOnlyList<PSObject> rows)
    {
        Customers = customers;
        Rows = rows;
    }

    public IReadOnlyList<string> Customers { get; }

    public IReadOnlyList<PSObject> Rows { get; }

    /// <summary>The descriptions in input order: what the output must show, one per row.</summary>
    public IReadOnlyList<string> Descriptions => Rows.Select(row => (string)row.Properties["Description"].Value).ToList();

    public static CreditRows For(HostedSession session, int count, int customers)
    {
        var ids = Enumerable.Range(0, customers).Select(_ => session.Customer()).ToList();
        var rows = Enumerable.Range(1, count).Select(i => Hosted.Tests.Rows.Row(
                ("Customer", ids[i % customers]),
                ("Amount", (-i).ToString(CultureInfo.InvariantCulture)),
                ("Currency", "USD"),
                ("Description", $"credit {i:0000}"),
                ("IdempotencyKey", string.Empty)))
            .ToList();
        return new CreditRows(ids, rows);
    }

    /// <summary>The description of every transaction the server holds for these customers, in no particular order.</summary>
    public List<string> StoredDescriptions(FakeStripeServer server) =>
        Customers.SelectMany(customer => server.TransactionsNewestFirst(customer)).Select(transaction => transaction.Description!).ToList();

    /// <summary>Fails unless the server holds exactly one transaction per row.</summary>
    public void AssertEachRowStoredOnce(FakeStripeServer server)
    {
        var stored = StoredDescriptions(server);
        Assert.Equal(Rows.Count, stored.Count);
        Assert.Equal(Descriptions.OrderBy(d => d, StringComparer.Ordinal), stored.OrderBy(d => d, StringComparer.Ordinal));
    }
}
