namespace BalanceTools.Client;

/// <summary>One logical Stripe call: sent once, or several times when retried.</summary>
internal sealed record StripeRequest(bool IsPost, string Path, string Form)
{
    public string Method => IsPost ? "POST" : "GET";

    public string PathAndQuery => IsPost || Form.Length == 0 ? "/" + Path : "/" + Path + "?" + Form;

    public static StripeRequest Get(string path, FormBuilder query) => new(false, path, query.ToString());

    public static StripeRequest Post(string path, FormBuilder body) => new(true, path, body.ToString());
}
