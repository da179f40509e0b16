using System.Collections.Frozen;

namespace BalanceTools.FakeStripe;

/// <summary>Validates the query strings of the list endpoints; both lists share Stripe's paging parameters.</summary>
internal static class ListQueryParser
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 100;

    private static readonly FrozenDictionary<string, ParameterShape> TransactionsSchema = new Dictionary<string, ParameterShape>
    {
        ["limit"] = ParameterShape.Scalar,
        ["starting_after"] = ParameterShape.Scalar,
        ["ending_before"] = ParameterShape.Scalar,
        ["created"] = ParameterShape.Hash,
        ["invoice"] = ParameterShape.Scalar,
        ["expand"] = ParameterShape.Array,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Stripe's customers list also filters by email and test clock; the fake does not, so those are unknown parameters here.
    private static readonly FrozenDictionary<string, ParameterShape> CustomersSchema = new Dictionary<string, ParameterShape>
    {
        ["limit"] = ParameterShape.Scalar,
        ["starting_after"] = ParameterShape.Scalar,
        ["ending_before"] = ParameterShape.Scalar,
        ["created"] = ParameterShape.Hash,
        ["expand"] = ParameterShape.Array,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Parses the query of <c>GET /v1/customers/{customer}/balance_transactions</c>.</summary>
    public static ListQuery Parse(string rawQuery)
    {
        var parameters = RequestParameters.Parse(rawQuery, TransactionsSchema);
        return Paging(parameters, NonEmpty(parameters.Scalar("invoice"))) with
        {
            Expand = ExpansionParser.Parse(parameters.Array("expand"), forList: true),
        };
    }

    /// <summary>Parses the query of <c>GET /v1/customers</c>, whose objects have nothing the fake can expand.</summary>
    public static ListQuery ParseCustomers(string rawQuery)
    {
        var parameters = RequestParameters.Parse(rawQuery, CustomersSchema);
        var query = Paging(parameters, null);
        ExpansionParser.RefuseAny(parameters.Array("expand"));
        return query;
    }

    private static ListQuery Paging(RequestParameters parameters, string? invoice)
    {
        var startingAfter = NonEmpty(parameters.Scalar("starting_after"));
        var endingBefore = NonEmpty(parameters.Scalar("ending_before"));
        if (startingAfter is not null && endingBefore is not null)
        {
            throw new StripeErrorException(StripeErrors.ConflictingCursors());
        }

        return new ListQuery(
            ParseLimit(NonEmpty(parameters.Scalar("limit"))),
            startingAfter,
            endingBefore,
            ParseCreated(parameters),
            invoice,
            Expansions.None);
    }

    // Stripe treats an empty optional GET parameter as absent.
    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int ParseLimit(string? raw)
    {
        var limit = RequestParameters.ParseInteger(raw, "limit") ?? DefaultLimit;
        return limit switch
        {
            < 1 => throw new StripeErrorException(StripeErrors.InvalidParameter("limit", "This value must be greater than or equal to 1.")),
            > MaxLimit => throw new StripeErrorException(StripeErrors.InvalidParameter("limit", $"This value must be less than or equal to {MaxLimit}.")),
            _ => (int)limit,
        };
    }

    private static CreatedRange ParseCreated(RequestParameters parameters)
    {
        var range = CreatedRange.All;
        if (RequestParameters.ParseInteger(NonEmpty(parameters.Scalar("created")), "created") is { } exact)
        {
            range = range.Exactly(exact);
        }

        foreach (var (bound, raw) in parameters.Hash("created"))
        {
            var param = $"created[{bound}]";
            if (bound is not ("gt" or "gte" or "lt" or "lte"))
            {
                throw new StripeErrorException(StripeErrors.UnknownParameter(param));
            }

            if (RequestParameters.ParseInteger(NonEmpty(raw), param) is not { } value)
            {
                continue;
            }

            range = bound switch
            {
                "gt" => range.GreaterThan(value),
                "gte" => range.AtLeast(value),
                "lt" => range.LessThan(value),
                _ => range.AtMost(value),
            };
        }

        return range;
    }
}
