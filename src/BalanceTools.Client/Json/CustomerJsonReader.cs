using System.Text.Json;

namespace BalanceTools.Client;

/// <summary>
/// Reads a page of customers. A page is read once per hundred customers, so a document is simple enough here;
/// unknown fields are ignored. <c>id</c>, <c>object</c>, <c>created</c> and <c>balance</c> (money) are required, as
/// are the list's <c>data</c> and <c>has_more</c>: a page that lacks one is an error, never a default.
/// </summary>
internal static class CustomerJsonReader
{
    private static readonly string[] RequiredText = { "id", "object" };

    private static readonly string[] RequiredWhole = { "created", "balance" };

    public static StripeList<StripeCustomer> ReadList(ReadOnlySpan<byte> json)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ResponseShapeException.NotAnObject(ListShape.Where, TokenOf(root.ValueKind));
        }

        var sawData = root.TryGetProperty(ListShape.DataName, out var data);
        if (sawData && data.ValueKind != JsonValueKind.Array)
        {
            throw ResponseShapeException.WrongType(ListShape.DataName, ListShape.Where, TokenOf(data.ValueKind), "a list");
        }

        bool? hasMore = null;
        if (root.TryGetProperty(ListShape.HasMoreName, out var more))
        {
            hasMore = more.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                var kind => throw ResponseShapeException.WrongType(ListShape.HasMoreName, ListShape.Where, TokenOf(kind), "true or false"),
            };
        }

        ListShape.RequireEnvelope(sawData, hasMore);
        var customers = data.EnumerateArray().Select((customer, index) => Read(customer, $"the customer at data[{index}]")).ToList();
        return new StripeList<StripeCustomer>(customers, hasMore!.Value, Text(root, "url", ListShape.Where));
    }

    /// <summary>
    /// A retrieved customer's <c>created</c> second, or null for a deleted customer: Stripe answers a retrieve of one
    /// with 200 and only <c>id</c>, <c>object</c> and <c>deleted: true</c>.
    /// </summary>
    public static long? ReadCreatedUnlessDeleted(ReadOnlySpan<byte> json)
    {
        const string Where = "the customer";
        using var document = JsonDocument.Parse(json.ToArray());
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw ResponseShapeException.NotAnObject(Where, TokenOf(root.ValueKind));
        }

        if (root.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True)
        {
            return null;
        }

        return Read(root, Where).Created.ToUnixTimeSeconds();
    }

    private static StripeCustomer Read(JsonElement customer, string where)
    {
        if (customer.ValueKind != JsonValueKind.Object)
        {
            throw ResponseShapeException.NotAnObject(where, TokenOf(customer.ValueKind));
        }

        foreach (var name in RequiredText)
        {
            _ = Text(customer, name, where) ?? throw ResponseShapeException.Missing(name, where);
        }

        foreach (var name in RequiredWhole)
        {
            _ = Whole(customer, name, where);
        }

        return new StripeCustomer
        {
            Id = Text(customer, "id", where)!,
            Created = DateTimeOffset.FromUnixTimeSeconds(Whole(customer, "created", where)),
            Email = Text(customer, "email", where),
            Name = Text(customer, "name", where),
            Currency = Text(customer, "currency", where),
            Balance = Whole(customer, "balance", where),
        };
    }

    private static string? Text(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw ResponseShapeException.WrongType(name, where, TokenOf(value.ValueKind), "text");
    }

    private static long Whole(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            throw ResponseShapeException.Missing(name, where);
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : throw ResponseShapeException.WrongType(name, where, TokenOf(value.ValueKind), "a whole number");
    }

    private static JsonTokenType TokenOf(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => JsonTokenType.StartObject,
        JsonValueKind.Array => JsonTokenType.StartArray,
        JsonValueKind.String => JsonTokenType.String,
        JsonValueKind.Number => JsonTokenType.Number,
        JsonValueKind.True => JsonTokenType.True,
        JsonValueKind.False => JsonTokenType.False,
        JsonValueKind.Null => JsonTokenType.Null,
        _ => JsonTokenType.None,
    };
}
