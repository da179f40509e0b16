namespace BalanceTools.Client;

/// <summary>The envelope of every Stripe list: <c>data</c> (the objects) and <c>has_more</c> are required; <c>url</c> is not.</summary>
internal static class ListShape
{
    public const string Where = "the list";

    public const string DataName = "data";

    public const string HasMoreName = "has_more";

    public static ReadOnlySpan<byte> Data => "data"u8;

    public static ReadOnlySpan<byte> HasMore => "has_more"u8;

    /// <summary>A page without <c>has_more</c> could end an export early or page past its end: neither is guessed.</summary>
    public static void RequireEnvelope(bool sawData, bool? hasMore)
    {
        if (!sawData)
        {
            throw ResponseShapeException.Missing(DataName, Where);
        }

        if (hasMore is null)
        {
            throw ResponseShapeException.Missing(HasMoreName, Where);
        }
    }
}
