namespace BalanceTools.Client;

/// <summary>No Stripe key was given by parameter, session default or environment.</summary>
public sealed class MissingApiKeyException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says every way to provide a key.</summary>
    public MissingApiKeyException()
        : base($"No Stripe API key was found: give one with the call or the connection settings, or set the {StripeDefaults.ApiKeyEnvironmentVariable} environment variable.")
    {
    }
}
