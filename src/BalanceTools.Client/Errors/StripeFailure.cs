using System.Text;

namespace BalanceTools.Client;

/// <summary>The facts of one failed call, from which <see cref="StripeException"/> and its message are made.</summary>
internal sealed record StripeFailure(StripeFailureKind Kind)
{
    public int? HttpStatus { get; init; }

    public string? ErrorType { get; init; }

    public string? Code { get; init; }

    public string? Param { get; init; }

    /// <summary>Stripe's own message.</summary>
    public string? StripeMessage { get; init; }

    /// <summary>What went wrong when Stripe sent no message of its own (a reset connection, an unreadable body).</summary>
    public string? Detail { get; init; }

    public string? DocUrl { get; init; }

    public string? RequestId { get; init; }

    public string? Method { get; init; }

    public string? Path { get; init; }

    public string? IdempotencyKey { get; init; }

    public int Attempts { get; init; }

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(Kind switch
        {
            StripeFailureKind.ApiError => $"Stripe returned HTTP {HttpStatus}",
            StripeFailureKind.Network => "The connection to Stripe failed",
            StripeFailureKind.Timeout => "Stripe did not answer in time",
            StripeFailureKind.ProxyAuthenticationRequired => "The proxy refused to pass the request on to Stripe",
            _ => "Stripe's response could not be read",
        });
        if (Method is not null)
        {
            text.Append(" for ").Append(Method).Append(' ').Append(Path);
        }

        if (Attempts > 1)
        {
            text.Append(" after ").Append(Attempts).Append(" attempts");
        }

        if (ErrorType is not null || Code is not null)
        {
            text.Append(" (").Append(ErrorType);
            if (Code is not null)
            {
                text.Append(ErrorType is null ? string.Empty : ", ").Append(Code);
            }

            text.Append(')');
        }

        var message = StripeMessage ?? Detail;
        text.Append(message is null ? "." : ": " + message.TrimEnd());
        if (Param is not null)
        {
            text.Append(" Parameter: ").Append(Param).Append('.');
        }

        if (RequestId is not null)
        {
            text.Append(" Request id: ").Append(RequestId).Append('.');
        }

        if (IdempotencyKey is not null && Method == "POST" && Kind != StripeFailureKind.ApiError)
        {
            text.Append(" The request may have taken effect; run it again with idempotency key '")
                .Append(IdempotencyKey)
                .Append("' to complete it without doing it twice.");
        }

        return text.ToString();
    }
}
