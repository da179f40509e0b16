using System.Collections;
using System.Management.Automation;

namespace BalanceTools;

/// <summary>
/// Guards a parameter that takes customer ids from the pipeline by value. PowerShell would turn any piped object
/// into text and send it as an id (<c>@{Foo=1}</c>); an object that has no Customer or CustomerId property (a CSV
/// without that column) is refused here instead, naming the properties it does have. Objects with the property pass
/// unchanged, so PowerShell binds them by property name.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class CustomerInputAttribute : ArgumentTransformationAttribute
{
    private static readonly string[] CustomerProperties = { "Customer", "CustomerId" };

    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is null or string || value.GetType().IsPrimitive)
        {
            return inputData;
        }

        if (value is IDictionary)
        {
            throw new ArgumentTransformationMetadataException(
                "A hashtable cannot name a customer: PowerShell binds properties, not keys. Pipe customer ids, or objects such as [pscustomobject]@{ Customer = 'cus_NcjdgdwZyI9Rj7' }.");
        }

        var properties = PSObject.AsPSObject(inputData).Properties;
        if (CustomerProperties.Any(name => properties[name] is not null))
        {
            return inputData;
        }

        var names = properties.Select(property => property.Name).Take(10).ToList();
        var has = names.Count == 0 ? "it has no properties" : "its properties are " + string.Join(", ", names);
        throw new ArgumentTransformationMetadataException(
            $"The input object has no Customer or CustomerId property, so it names no customer ({has}). Pipe customer ids, or objects (CSV rows) with a Customer or CustomerId column.");
    }
}
