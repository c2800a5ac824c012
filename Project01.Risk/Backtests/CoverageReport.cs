namespace Project01.Risk.Backtests;

/// <summary>How often the losses broke the VaR of one confidence level, and the tests of that record.</summary>
public sealed record CoverageReport(
    double Level,
    int Observations,
    int Exceedances,
    TransitionCounts Transitions,
    LikelihoodRatio Kupiec,
    LikelihoodRatio Independence,
    LikelihoodRatio ConditionalCoverage)
{
    public double TailProbability => 1 - Level;

    public double ExpectedExceedances => Observations * TailProbability;

    public double ExceedanceRate => Observations == 0 ? double.NaN : (double)Exceedances / Observations;

    /// <param name="exceedances">one flag per forecast, oldest first: true where the loss was worse than the VaR.</param>
    public static CoverageReport Of(ReadOnlySpan<bool> exceedances, double level)
    {
        var count = 0;
        foreach (var e in exceedances) if (e) count++;
        var transitions = TransitionCounts.Of(exceedances);
        var kupiec = ExceedanceTests.Kupiec(exceedances.Length, count, 1 - level);
        var independence = ExceedanceTests.Independence(transitions);
        return new CoverageReport(level, exceedances.Length, count, transitions, kupiec, independence,
            ExceedanceTests.ConditionalCoverage(kupiec, independence));
    }
}
