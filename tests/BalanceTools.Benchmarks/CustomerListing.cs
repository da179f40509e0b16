namespace BalanceTools.Benchmarks;

/// <summary>What an export must hand on for one customer: its transactions, in the order the server lists them.</summary>
/// <param name="Transactions">How many.</param>
/// <param name="Digest">The <see cref="ListingDigest"/> of the server's own listing of them, newest first.</param>
public sealed record CustomerListing(int Transactions, string Digest);
