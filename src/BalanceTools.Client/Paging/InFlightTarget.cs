namespace BalanceTools.Client;

/// <summary>
/// How many list requests an export keeps in flight (and how many customers it lists at once): by Little's law
/// the rate limit times the measured latency, with headroom, within 1 to <see cref="MaximumInFlight"/>, and never
/// more than the caller's own upper bound (<c>-ThrottleLimit</c>).
/// </summary>
/// <remarks>
/// Twice the product, plus two: a customer's or slice's pages follow one another, a request holds its place while
/// it waits for the rate limiter, and latency varies from one request to the next, so exactly rate × latency leaves
/// the limit unreached. More costs nothing at the server (the rate limiter paces what is sent) but memory here.
/// </remarks>
internal sealed class InFlightTarget
{
    /// <summary>The most requests in flight, sized or given.</summary>
    public const int MaximumInFlight = 64;

    /// <summary>Before the first answer says what the latency is: Stripe's typical few hundred milliseconds at 25/s.</summary>
    public const int BeforeMeasuring = 8;

    private const double Headroom = 2;
    private const int Spare = 2;

    private readonly int? upperBound;
    private readonly double requestsPerSecond;
    private readonly LatencyGauge latency;

    /// <param name="upperBound">The caller's limit, or null to size freely up to <see cref="MaximumInFlight"/>.</param>
    /// <param name="requestsPerSecond">The client's rate limit; not positive or infinite for none.</param>
    /// <param name="latency">The client's measured latency.</param>
    public InFlightTarget(int? upperBound, double requestsPerSecond, LatencyGauge latency)
    {
        if (upperBound is < 1 or > MaximumInFlight)
        {
            throw new ArgumentOutOfRangeException(nameof(upperBound), upperBound, $"The throttle limit must be from 1 to {MaximumInFlight}.");
        }

        this.upperBound = upperBound;
        this.requestsPerSecond = requestsPerSecond;
        this.latency = latency ?? throw new ArgumentNullException(nameof(latency));
    }

    /// <summary>The target now.</summary>
    public int Current
    {
        get
        {
            var bound = upperBound ?? MaximumInFlight;
            if (!(requestsPerSecond > 0) || double.IsInfinity(requestsPerSecond))
            {
                // Without a rate limit nothing says how many is enough: the caller's bound, or the old fixed default.
                return upperBound ?? StripeDefaults.ThrottleLimit;
            }

            if (latency.Current is not { } measured)
            {
                return Math.Min(bound, BeforeMeasuring);
            }

            var sized = Math.Ceiling(requestsPerSecond * measured.TotalSeconds * Headroom) + Spare;
            return (int)Math.Max(1, Math.Min(bound, sized));
        }
    }
}
