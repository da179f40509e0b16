namespace RestSharp;

/// <summary>Shares RestSharp's name and nothing else, so using it in place of the real one would fail loudly.</summary>
public sealed class RestClient
{
    public string Identity => "not the real RestSharp";
}
