namespace BalanceTools;

/// <summary>A web address checked by one of the client's address rules while binding: a <see cref="Uri"/> or its text.</summary>
public abstract class AddressTransformationAttribute : PlainTransformationAttribute
{
    /// <summary>Why <paramref name="uri"/> cannot be used; null when it can.</summary>
    protected abstract string? Problem(Uri uri);

    /// <summary>Why <paramref name="text"/> cannot be used; null when it can, with <paramref name="uri"/> set.</summary>
    protected abstract string? Problem(string? text, out Uri? uri);

    /// <summary>The parameter, for the exception.</summary>
    protected abstract string ParameterName { get; }

    /// <inheritdoc />
    protected sealed override object? Convert(object? inputData)
    {
        var value = PSValue.Unwrap(inputData);
        Uri? uri = value as Uri;
        var problem = value switch
        {
            null => null,
            Uri given => Problem(given),
            _ => Problem(System.Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture), out uri),
        };
        return problem is null ? uri : throw new Client.StripeInputException(problem, ParameterName);
    }
}
