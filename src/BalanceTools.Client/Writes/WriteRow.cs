namespace BalanceTools.Client;

/// <summary>One write of a batch, as the caller knows it: where it stood in the input and the key it is sent with.</summary>
/// <param name="Position">The row's place in the input, from 1.</param>
/// <param name="IdempotencyKey">The key every attempt of the write carries, so a row reported as possibly created can be completed safely.</param>
/// <param name="Target">What the row was about (a customer or transaction id), for messages and error records.</param>
public sealed record WriteRow(int Position, string IdempotencyKey, string Target);
