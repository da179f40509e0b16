using System.Globalization;

namespace BalanceTools.FakeStripe;

/// <summary>
/// Form-encoded parameters (query string or body) checked against an endpoint's schema; anything the
/// schema does not allow is rejected the way Stripe rejects it.
/// </summary>
internal sealed class RequestParameters
{
    private readonly Dictionary<string, string> _scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _arrays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<KeyValuePair<string, string>>> _hashes = new(StringComparer.Ordinal);

    private RequestParameters()
    {
    }

    public static RequestParameters Parse(string encoded, IReadOnlyDictionary<string, ParameterShape> schema)
    {
        var parameters = new RequestParameters();
        foreach (var pair in encoded.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(separator < 0 ? pair : pair[..separator]);
            var value = separator < 0 ? string.Empty : Decode(pair[(separator + 1)..]);
            parameters.Add(key, value, schema);
        }

        return parameters;
    }

    /// <summary>The last value posted for a bare <c>name=value</c>, or null.</summary>
    public string? Scalar(string name) => _scalars.GetValueOrDefault(name);

    public IReadOnlyList<string> Array(string name) => _arrays.TryGetValue(name, out var values) ? values : [];

    /// <summary>The <c>name[key]=value</c> entries in the order posted.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Hash(string name) =>
        _hashes.TryGetValue(name, out var entries) ? entries : [];

    /// <summary>Parses an optional integer parameter, reporting <paramref name="param"/> when it is not one.</summary>
    public static long? ParseInteger(string? raw, string param)
    {
        if (raw is null)
        {
            return null;
        }

        return long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new StripeErrorException(StripeErrors.InvalidInteger(param, raw));
    }

    // Both '+' and %20 mean a space in form encoding.
    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private void Add(string key, string value, IReadOnlyDictionary<string, ParameterShape> schema)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var bracketed = open > 0 && key.EndsWith(']');
        var name = bracketed ? key[..open] : key;
        if (!schema.TryGetValue(name, out var shape))
        {
            throw new StripeErrorException(StripeErrors.UnknownParameter(key));
        }

        if (!bracketed)
        {
            if (key.Contains('[', StringComparison.Ordinal) || shape == ParameterShape.Array)
            {
                throw new StripeErrorException(shape == ParameterShape.Array
                    ? StripeErrors.InvalidParameter(name, "Invalid array")
                    : StripeErrors.UnknownParameter(key));
            }

            _scalars[name] = value;
            return;
        }

        var inner = key[(open + 1)..^1];
        switch (shape)
        {
            case ParameterShape.Array when inner.Length == 0 || inner.All(char.IsAsciiDigit):
                GetOrAdd(_arrays, name).Add(value);
                break;
            case ParameterShape.Hash:
                GetOrAdd(_hashes, name).Add(new KeyValuePair<string, string>(inner, value));
                break;
            default:
                throw new StripeErrorException(StripeErrors.UnknownParameter(key));
        }
    }

    private static List<T> GetOrAdd<T>(Dictionary<string, List<T>> map, string name)
    {
        if (!map.TryGetValue(name, out var list))
        {
            list = [];
            map.Add(name, list);
        }

        return list;
    }
}
