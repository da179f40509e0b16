using System.Management.Automation;
using System.Net;
using System.Security;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Takes a key as a secure string or as plain text (runbooks hold keys in automation variables and vaults as text),
/// and refuses one the API cannot use, a publishable pk_ key above all, before anything is sent. Messages show only
/// the key's redacted form.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ApiKeyTransformationAttribute : PlainTransformationAttribute
{
    /// <inheritdoc />
    protected override object? Convert(object? inputData)
    {
        var (secret, secure) = PSValue.Unwrap(inputData) switch
        {
            null => (null, null),
            SecureString given => (new NetworkCredential(string.Empty, given).Password, given),
            PSCredential credential => (credential.GetNetworkCredential().Password, credential.Password),
            string text => (text, null),
            _ => throw new StripeInputException("A key is text such as sk_test_… or a secure string (Read-Host -AsSecureString); this value is neither.", "apiKey"),
        };
        if (secret is null)
        {
            return null;
        }

        if (StripeApiKey.Problem(secret) is { } problem)
        {
            throw new StripeInputException(problem, "apiKey");
        }

        return secure ?? ToSecureString(secret);
    }

    private static SecureString ToSecureString(string secret)
    {
        var secure = new SecureString();
        foreach (var c in secret)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
