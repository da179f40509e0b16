using System.Collections;
using System.Management.Automation;

namespace BalanceTools;

/// <summary>
/// A parameter check whose failure PowerShell reports as "Cannot validate argument on parameter 'X'." followed by
/// the rule's own plain words; an array argument is checked element by element.
/// </summary>
public abstract class PlainValidationAttribute : ValidateArgumentsAttribute
{
    /// <summary>Why <paramref name="value"/> is not acceptable, or null when it is.</summary>
    protected abstract string? Problem(object? value);

    /// <inheritdoc />
    protected sealed override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        var value = Unwrap(arguments);
        var values = value is IEnumerable list and not string ? list.Cast<object?>().Select(Unwrap) : new[] { value };
        foreach (var element in values)
        {
            if (Problem(element) is { } problem)
            {
                throw new ValidationMetadataException(problem);
            }
        }
    }

    private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;
}
