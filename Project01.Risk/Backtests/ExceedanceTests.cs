namespace Project01.Risk.Backtests;

/// <summary>Day-to-day transitions of an exceedance series: N_ij counts days in state j after a day in state i (1 = exceedance).</summary>
public readonly record struct TransitionCounts(int N00, int N01, int N10, int N11)
{
    public static TransitionCounts Of(ReadOnlySpan<bool> exceedances)
    {
        int n00 = 0, n01 = 0, n10 = 0, n11 = 0;
        for (var t = 1; t < exceedances.Length; t++)
            switch ((exceedances[t - 1], exceedances[t]))
            {
                case (false, false): n00++; break;
                case (false, true): n01++; break;
                case (true, false): n10++; break;
                default: n11++; break;
            }
        return new TransitionCounts(n00, n01, n10, n11);
    }
}

/// <summary>
/// The classic VaR backtests on a 0/1 exceedance series, in the forms MATLAB's <c>varbacktest</c> documents
/// (<c>pof</c>, <c>cci</c>, <c>cc</c>): the conditional-coverage statistic is Kupiec's on all days plus
/// Christoffersen's on the transitions. Terms with a zero count are 0 (0·ln 0 = 0), so no exceedances, all
/// exceedances or no consecutive ones give finite statistics rather than NaN.
/// </summary>
public static class ExceedanceTests
{
    /// <summary>
    /// Kupiec's (1995) proportion-of-failures test of H0 "P(exceedance) = p":
    /// LR = −2 ln[(1 − p)^(T−x) p^x / ((1 − x/T)^(T−x) (x/T)^x)] ~ χ²(1).
    /// </summary>
    public static LikelihoodRatio Kupiec(int observations, int exceedances, double tailProbability)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(observations);
        if (exceedances < 0 || exceedances > observations) throw new ArgumentOutOfRangeException(nameof(exceedances), exceedances, "between 0 and the number of observations");
        if (tailProbability is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(tailProbability), tailProbability, "a probability between 0 and 1");
        if (observations == 0) return new LikelihoodRatio(0, 1);
        var rate = (double)exceedances / observations;
        var hits = exceedances;
        var misses = observations - exceedances;
        var statistic = -2 * (XLogY(misses, 1 - tailProbability) + XLogY(hits, tailProbability) - XLogY(misses, 1 - rate) - XLogY(hits, rate));
        return new LikelihoodRatio(Math.Max(0, statistic), 1);
    }

    /// <summary>
    /// Christoffersen's (1998) independence test of H0 "an exceedance today does not change tomorrow's chance":
    /// a first-order Markov chain with π01 = N01/(N00+N01), π11 = N11/(N10+N11) against one with π = (N01+N11)/ΣN.
    /// </summary>
    public static LikelihoodRatio Independence(TransitionCounts c)
    {
        var (n00, n01, n10, n11) = (c.N00, c.N01, c.N10, c.N11);
        var pi = Ratio(n01 + n11, n00 + n01 + n10 + n11);
        var pi01 = Ratio(n01, n00 + n01);
        var pi11 = Ratio(n11, n10 + n11);
        var restricted = XLogY(n00 + n10, 1 - pi) + XLogY(n01 + n11, pi);
        var unrestricted = XLogY(n00, 1 - pi01) + XLogY(n01, pi01) + XLogY(n10, 1 - pi11) + XLogY(n11, pi11);
        return new LikelihoodRatio(Math.Max(0, -2 * (restricted - unrestricted)), 1);
    }

    /// <summary>Christoffersen's conditional coverage: LR_uc + LR_ind ~ χ²(2).</summary>
    public static LikelihoodRatio ConditionalCoverage(LikelihoodRatio kupiec, LikelihoodRatio independence) =>
        new(kupiec.Statistic + independence.Statistic, 2);

    private static double Ratio(int count, int total) => total == 0 ? 0 : (double)count / total;

    // k·ln q with 0·ln 0 = 0: a state never seen contributes nothing to either likelihood.
    private static double XLogY(int k, double q) => k == 0 ? 0 : k * Math.Log(q);
}
