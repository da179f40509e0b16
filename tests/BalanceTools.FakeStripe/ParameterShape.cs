namespace BalanceTools.FakeStripe;

/// <summary>How a top-level parameter may appear in Stripe's bracket notation.</summary>
internal enum ParameterShape
{
    /// <summary><c>name=value</c> only.</summary>
    Scalar,

    /// <summary><c>name[]=value</c> or <c>name[0]=value</c>.</summary>
    Array,

    /// <summary><c>name[key]=value</c>, or a bare <c>name=value</c> whose meaning the endpoint decides.</summary>
    Hash,
}
