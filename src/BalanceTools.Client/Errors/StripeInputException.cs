namespace BalanceTools.Client;

/// <summary>
/// A value the client refused before sending anything. <see cref="Exception.Message"/> is the problem in plain
/// words, without the "(Parameter ...)" suffix .NET appends, so a host can show it as it is;
/// <see cref="ArgumentException.ParamName"/> names the Stripe parameter.
/// </summary>
public sealed class StripeInputException : ArgumentException
{
    private readonly string problem;

    /// <summary>Creates the exception for <paramref name="parameter"/>.</summary>
    public StripeInputException(string problem, string parameter)
        : base(problem, parameter)
    {
        this.problem = problem;
    }

    /// <inheritdoc />
    public override string Message => problem;
}
