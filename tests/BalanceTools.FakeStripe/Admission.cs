namespace BalanceTools.FakeStripe;

/// <summary>
/// The rate limiter's verdict on one request: refused with a 429, or admitted and holding a concurrency slot until
/// <see cref="Release"/>.
/// </summary>
internal sealed class Admission
{
    private readonly RateLimiter.Caller? _holder;
    private int _released;

    private Admission(RateLimiter.Caller? holder, StripeError? refusal, bool sendRetryAfter)
    {
        _holder = holder;
        Refusal = refusal;
        SendRetryAfter = sendRetryAfter;
    }

    /// <summary>For requests the limiter does not see (no accepted key).</summary>
    public static Admission Unlimited { get; } = new(null, null, false);

    /// <summary>The 429 to answer with, or null when the request was admitted.</summary>
    public StripeError? Refusal { get; }

    /// <summary>Whether the 429 carries <c>Retry-After</c>.</summary>
    public bool SendRetryAfter { get; }

    public static Admission Admitted(RateLimiter.Caller holder) => new(holder, null, false);

    public static Admission Refused(StripeError error, bool sendRetryAfter) => new(null, error, sendRetryAfter);

    /// <summary>Frees the concurrency slot; safe to call more than once.</summary>
    public void Release()
    {
        if (_holder is not null && Interlocked.Exchange(ref _released, 1) == 0)
        {
            _holder.Release();
        }
    }
}
