namespace BalanceTools.FakeStripe;

/// <summary>Which reference fields to render as objects instead of ids.</summary>
[Flags]
internal enum Expansions
{
    None = 0,
    Customer = 1,
    Invoice = 2,
    CreditNote = 4,
}

internal static class ExpansionParser
{
    /// <summary>Lists expand through their <c>data</c> member (<c>data.customer</c>), single objects directly.</summary>
    public static Expansions Parse(IReadOnlyList<string> requested, bool forList)
    {
        var result = Expansions.None;
        foreach (var path in requested)
        {
            result |= Resolve(path, forList) ?? throw new StripeErrorException(StripeErrors.CannotExpand(path));
        }

        return result;
    }

    /// <summary>Refuses any expansion: for objects in which the fake has nothing to expand (customers).</summary>
    public static void RefuseAny(IReadOnlyList<string> requested)
    {
        if (requested is [var first, ..])
        {
            throw new StripeErrorException(StripeErrors.CannotExpand(first));
        }
    }

    private static Expansions? Resolve(string path, bool forList)
    {
        const string listPrefix = "data.";
        string field;
        if (forList)
        {
            if (!path.StartsWith(listPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            field = path[listPrefix.Length..];
        }
        else
        {
            field = path;
        }

        return field switch
        {
            "customer" => Expansions.Customer,
            "invoice" => Expansions.Invoice,
            "credit_note" => Expansions.CreditNote,
            _ => null,
        };
    }
}
