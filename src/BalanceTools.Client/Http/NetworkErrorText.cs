namespace BalanceTools.Client;

/// <summary>
/// Makes the text of a network error safe to show: .NET writes the proxy it tried into its messages, with whatever
/// user name and password its address held (one from <c>HTTPS_PROXY</c>, say), and a message may quote a request.
/// </summary>
internal static class NetworkErrorText
{
    /// <summary><paramref name="text"/> with the key, the proxy's password and any password inside an address masked.</summary>
    public static string Scrub(string text, StripeApiKey key, ProxySettings proxy)
    {
        var scrubbed = InputRules.ShownProxy(key.Scrub(text))!;
        return proxy.Credential?.Password is { Length: > 0 } password ? scrubbed.Replace(password, "****") : scrubbed;
    }
}
