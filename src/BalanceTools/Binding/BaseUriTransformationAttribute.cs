using BalanceTools.Client;

namespace BalanceTools;

/// <summary>An absolute https address, or http to this machine; anything else is refused while binding, in plain words.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class BaseUriTransformationAttribute : AddressTransformationAttribute
{
    /// <inheritdoc />
    protected override string ParameterName => "apiBaseUri";

    /// <inheritdoc />
    protected override string? Problem(Uri uri) => InputRules.BaseUri(uri);

    /// <inheritdoc />
    protected override string? Problem(string? text, out Uri? uri) => InputRules.BaseUri(text, out uri);
}
