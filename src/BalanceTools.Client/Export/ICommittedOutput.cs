namespace BalanceTools.Client;

/// <summary>Where an export writes its rows, committed to disk before each save of the checkpoint.</summary>
internal interface ICommittedOutput
{
    /// <summary>False once a write failed part-way: what follows the last commit may be torn and must not be committed.</summary>
    bool IsIntact { get; }

    /// <summary>How long rows may wait between commits.</summary>
    TimeSpan CommitInterval { get; }

    /// <summary>Writes every row handed to it and flushes the file to disk; returns the file's length, all committed.</summary>
    long Commit();
}
