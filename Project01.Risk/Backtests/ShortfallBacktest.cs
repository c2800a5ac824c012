namespace Project01.Risk.Backtests;

/// <summary>
/// Whether the expected shortfall was right about how bad the exceedance days were.
/// <para><see cref="MeanShortfallRatio"/>: the mean of loss / ES over exceedance days; near 1 when the ES was right,
/// above 1 when the tail was worse than forecast. Undefined (NaN) without exceedances.</para>
/// <para><see cref="AcerbiSzekelyZ2"/>: Acerbi and Székely's (2014) Z2 = 1 − Σ_t I_t·L_t / (T·p·ES_t) with L_t the loss,
/// I_t the exceedance flag and p = 1 − level. Its expectation is 0 when both the exceedance rate and the tail's size
/// are right; negative values mean risk was underestimated. It has no closed-form null distribution (its critical
/// values are simulated under the model; the authors quote about −0.7 at 5 % significance for 97.5 % ES), so no
/// p-value is given here.</para>
/// </summary>
public sealed record ShortfallBacktest(int Exceedances, double MeanShortfallRatio, double AcerbiSzekelyZ2)
{
    /// <param name="losses">realised losses (negative log returns), one per forecast.</param>
    /// <param name="valueAtRisk">the VaR forecast for each of those days, as a positive loss.</param>
    /// <param name="expectedShortfall">the ES forecast for each day, as a positive loss.</param>
    public static ShortfallBacktest Of(ReadOnlySpan<double> losses, ReadOnlySpan<double> valueAtRisk, ReadOnlySpan<double> expectedShortfall, double level)
    {
        if (losses.Length != valueAtRisk.Length || losses.Length != expectedShortfall.Length)
            throw new ArgumentException("one VaR and one ES per realised loss");
        var (count, ratioSum) = (0, 0.0);
        for (var t = 0; t < losses.Length; t++)
        {
            if (losses[t] <= valueAtRisk[t]) continue;
            count++;
            ratioSum += losses[t] / expectedShortfall[t];
        }
        var z2 = losses.IsEmpty ? double.NaN : 1 - ratioSum / (losses.Length * (1 - level));
        return new ShortfallBacktest(count, count == 0 ? double.NaN : ratioSum / count, z2);
    }
}
