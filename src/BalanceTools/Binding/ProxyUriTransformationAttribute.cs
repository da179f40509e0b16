using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// An absolute http or https proxy address without a user name or password in it (those go in -ProxyCredential);
/// anything else is refused while binding, in plain words that never repeat a password.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ProxyUriTransformationAttribute : AddressTransformationAttribute
{
    /// <inheritdoc />
    protected override string ParameterName => "proxy";

    /// <inheritdoc />
    protected override string? Problem(Uri uri) => InputRules.ProxyUri(uri);

    /// <inheritdoc />
    protected override string? Problem(string? text, out Uri? uri) => InputRules.ProxyUri(text, out uri);
}
