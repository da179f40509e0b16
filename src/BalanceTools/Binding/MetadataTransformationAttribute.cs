using System.Collections;
using System.Management.Automation;
using BalanceTools.Client;

namespace BalanceTools;

/// <summary>
/// Takes -Metadata as a hashtable (or an object's properties) and checks every pair by Stripe's rules while binding:
/// a nested hashtable, a list or an object as a value is refused with its key named, instead of being sent as
/// "System.Collections.Hashtable".
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class MetadataTransformationAttribute : PlainTransformationAttribute
{
    /// <inheritdoc />
    protected override object? Convert(object? inputData)
    {
        var pairs = PSValue.Unwrap(inputData) switch
        {
            null => null,
            IDictionary dictionary => dictionary,
            PSCustomObject => Properties((PSObject)inputData!),
            string text => throw NotPairs("the text " + InputText.Quote(text)),
            IEnumerable => throw NotPairs("a list"),
            _ => throw NotPairs("this value"),
        };
        if (pairs is not null)
        {
            MetadataParameter.Read(pairs);
        }

        return pairs;
    }

    private static Hashtable Properties(PSObject row)
    {
        var pairs = new Hashtable(StringComparer.Ordinal);
        foreach (var property in row.Properties)
        {
            pairs[property.Name] = property.Value;
        }

        return pairs;
    }

    private static StripeInputException NotPairs(string what) =>
        new($"Metadata is a set of keys and values, such as @{{ order_id = '6735' }}; {what} is not.", "metadata");
}
