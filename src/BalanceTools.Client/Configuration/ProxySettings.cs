using System.Net;

namespace BalanceTools.Client;

/// <summary>
/// How requests reach Stripe, with the meanings of Invoke-RestMethod's proxy parameters: the system's and the
/// environment's proxy settings (<see cref="System"/>, the default), no proxy at all (<see cref="None"/>), or a named
/// proxy (<see cref="Through"/>) with a credential, the signed-in user's default credentials, or none.
/// </summary>
public sealed class ProxySettings
{
    private ProxySettings(ProxyMode mode, Uri? address, NetworkCredential? credential, bool useDefaultCredentials)
    {
        Mode = mode;
        Address = address;
        Credential = credential;
        UseDefaultCredentials = useDefaultCredentials;
    }

    /// <summary>The proxy the operating system and the environment (<c>HTTPS_PROXY</c>, <c>NO_PROXY</c>) name, if any.</summary>
    public static ProxySettings System { get; } = new(ProxyMode.System, null, null, false);

    /// <summary>Straight to the server, whatever the system or the environment says.</summary>
    public static ProxySettings None { get; } = new(ProxyMode.None, null, null, false);

    /// <summary>Which kind of setting this is.</summary>
    public ProxyMode Mode { get; }

    /// <summary>The proxy of <see cref="ProxyMode.Explicit"/>; never holds a user name or password.</summary>
    public Uri? Address { get; }

    /// <summary>The credential the proxy is given when it asks for one.</summary>
    public NetworkCredential? Credential { get; }

    /// <summary>Give the proxy the signed-in user's credentials (Windows integrated authentication) when it asks.</summary>
    public bool UseDefaultCredentials { get; }

    /// <summary>
    /// Through the proxy at <paramref name="address"/> (checked with <see cref="InputRules.ProxyUri(Uri?)"/>),
    /// with at most one of <paramref name="credential"/> and <paramref name="useDefaultCredentials"/>.
    /// </summary>
    /// <exception cref="StripeInputException">The address or the combination cannot be used.</exception>
    public static ProxySettings Through(Uri address, NetworkCredential? credential = null, bool useDefaultCredentials = false)
    {
        if (InputRules.ProxyUri(address) is { } problem)
        {
            throw new StripeInputException(problem, "proxy");
        }

        if (credential is not null && useDefaultCredentials)
        {
            throw new StripeInputException("Give the proxy either a credential or the default credentials, not both.", "proxyCredential");
        }

        return new ProxySettings(ProxyMode.Explicit, address, credential, useDefaultCredentials);
    }

    /// <summary>
    /// Tells settings apart for the process-wide transport they share, without holding the password in the text:
    /// a changed password is a new identity (a SHA-256 digest of it), an unchanged one reuses the pooled connections.
    /// </summary>
    internal string Identity => Mode switch
    {
        ProxyMode.Explicit => string.Join(
            "|",
            "explicit",
            Address!.AbsoluteUri,
            UseDefaultCredentials ? "default-credentials" : Credential is null ? "anonymous" : CredentialDigest(Credential)),
        _ => Mode.ToString(),
    };

    /// <summary>The proxy as shown to a person: its address and who it is given, never a password.</summary>
    public override string ToString() => Mode switch
    {
        ProxyMode.System => "the system's proxy settings",
        ProxyMode.None => "no proxy",
        _ => Address!.GetLeftPart(UriPartial.Authority)
            + (UseDefaultCredentials ? " with the default credentials" : Credential is null ? string.Empty : " as " + CredentialUser(Credential)),
    };

    /// <summary>The <see cref="IWebProxy"/> a handler uses for <see cref="ProxyMode.Explicit"/>; null otherwise.</summary>
    internal IWebProxy? CreateWebProxy() => Mode != ProxyMode.Explicit ? null : new WebProxy(Address!)
    {
        BypassProxyOnLocal = false,
        UseDefaultCredentials = UseDefaultCredentials,
        Credentials = UseDefaultCredentials ? CredentialCache.DefaultCredentials : Credential,
    };

    private static string CredentialUser(NetworkCredential credential) =>
        string.IsNullOrEmpty(credential.Domain) ? credential.UserName : credential.Domain + "\\" + credential.UserName;

    private static string CredentialDigest(NetworkCredential credential)
    {
        using var sha = global::System.Security.Cryptography.SHA256.Create();
        var bytes = global::System.Text.Encoding.UTF8.GetBytes(CredentialUser(credential) + "\n" + credential.Password);
        return CredentialUser(credential) + ":" + Convert.ToBase64String(sha.ComputeHash(bytes));
    }
}

/// <summary>The kinds of <see cref="ProxySettings"/>.</summary>
public enum ProxyMode
{
    /// <summary>The system's and the environment's settings.</summary>
    System,

    /// <summary>No proxy.</summary>
    None,

    /// <summary>A proxy named by the caller.</summary>
    Explicit,
}
