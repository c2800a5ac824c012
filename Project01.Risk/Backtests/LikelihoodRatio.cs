using MathNet.Numerics;

namespace Project01.Risk.Backtests;

/// <summary>A likelihood-ratio statistic and its asymptotic χ² p-value.</summary>
public readonly record struct LikelihoodRatio(double Statistic, int DegreesOfFreedom)
{
    /// <summary>P(χ²_df ≥ statistic), from the upper incomplete gamma function (accurate far into the tail, where
    /// 1 − CDF would round to 0).</summary>
    public double PValue => Statistic <= 0 ? 1 : SpecialFunctions.GammaUpperRegularized(DegreesOfFreedom / 2.0, Statistic / 2);
}
