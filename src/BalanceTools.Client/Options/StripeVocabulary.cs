namespace BalanceTools.Client;

/// <summary>The values Stripe accepts for currencies and expandable fields, for validation hints and tab completion.</summary>
public static class StripeVocabulary
{
    /// <summary>Currencies Stripe supports for charges and balances (ISO 4217, lowercase).</summary>
    public static IReadOnlyList<string> Currencies { get; } = new[]
    {
        "usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd",
        "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop", "crc",
        "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel", "gip", "gmd", "gnf",
        "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "jod", "jpy", "kes", "kgs", "khr",
        "kmf", "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl", "mga", "mkd", "mmk", "mnt",
        "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "omr", "pab", "pen",
        "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub", "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp",
        "sle", "sos", "srd", "std", "szl", "thb", "tjs", "tnd", "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "uyu",
        "uzs", "vnd", "vuv", "wst", "xaf", "xcd", "xof", "xpf", "yer", "zar", "zmw",
    };

    /// <summary>Fields of a balance transaction that <c>expand</c> can turn into full objects.</summary>
    public static IReadOnlyList<string> ExpandableFields { get; } = new[] { "customer", "invoice", "credit_note", "checkout_session" };

    /// <summary>The candidates that start with what has been typed (case-insensitive), in their listed order.</summary>
    public static IEnumerable<string> Completions(IEnumerable<string> candidates, string? typed)
    {
        var prefix = (typed ?? string.Empty).Trim('\'', '"');
        return candidates.Where(candidate => candidate.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }
}
