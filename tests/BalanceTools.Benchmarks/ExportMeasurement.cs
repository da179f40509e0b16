using System.Text.Json;

namespace BalanceTools.Benchmarks;

/// <summary>What one export handed on and cost, measured inside the process that ran it.</summary>
public sealed record ExportMeasurement(
    double Seconds,
    double FirstRowMilliseconds,
    long PeakWorkingSetBytes,
    int Rows,
    int Duplicates,
    int OutOfOrder,
    int RateLimitedFailures,
    int OtherFailures,
    string? FirstFailure,
    IReadOnlyDictionary<string, int> RowsByCustomer,
    IReadOnlyDictionary<string, string> ListingDigestByCustomer)
{
    public double PeakMegabytes => PeakWorkingSetBytes / (1024.0 * 1024.0);

    /// <summary>
    /// True when every customer of <paramref name="expected"/> was handed on with exactly its transactions, each once,
    /// contiguously and in the server's own order of its listing (newest first), and nothing else was.
    /// </summary>
    public bool EveryRowOnceInOrder(IReadOnlyDictionary<string, CustomerListing> expected) =>
        Duplicates == 0
        && OutOfOrder == 0
        && RowsByCustomer.Count == expected.Count
        && expected.All(e => RowsByCustomer.TryGetValue(e.Key, out var rows) && rows == e.Value.Transactions
            && ListingDigestByCustomer.TryGetValue(e.Key, out var digest) && digest == e.Value.Digest);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static ExportMeasurement FromJson(string json) => JsonSerializer.Deserialize<ExportMeasurement>(json)!;
}
