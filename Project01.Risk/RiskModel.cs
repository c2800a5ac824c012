using Project01.Risk.Garch;
using Project01.Risk.Simulation;

namespace Project01.Risk;

/// <summary>
/// GARCH(1,1) + filtered historical simulation: fit the model on the returns, standardise them with its volatilities,
/// and simulate paths forward from the last day by resampling those shocks.
/// </summary>
public static class RiskModel
{
    /// <summary>Fits the model on all of <paramref name="logReturns"/> (oldest first) and forecasts from the last one.</summary>
    public static RiskEstimate Estimate(ReadOnlySpan<double> logReturns, RiskOptions options)
    {
        options.ThrowIfInvalid();
        return Forecast(logReturns, GarchEstimator.Fit(logReturns, options.Model), options, new Random(options.Seed));
    }

    /// <summary>
    /// Forecasts with a model fitted earlier (refits are costly; a backtest refits every few weeks): the volatilities
    /// and shocks are still those of all of <paramref name="logReturns"/>, so the latest day always counts.
    /// </summary>
    public static RiskEstimate Forecast(ReadOnlySpan<double> logReturns, GarchFit fit, RiskOptions options, Random random)
    {
        var residuals = new double[logReturns.Length];
        var nextVariance = GarchFilter.StandardisedResiduals(logReturns, fit.Parameters, residuals);
        var paths = FilteredHistoricalSimulation.CumulativeReturns(fit.Parameters, nextVariance, residuals, options.Horizons, options.Paths, random);
        var figures = new List<RiskFigure>(options.Horizons.Count * options.Levels.Count);
        for (var k = 0; k < options.Horizons.Count; k++)
        {
            var risks = TailRisk.FromReturns(paths[k], options.Levels);
            for (var l = 0; l < options.Levels.Count; l++)
                figures.Add(new RiskFigure(options.Horizons[k], options.Levels[l], risks[l].ValueAtRisk, risks[l].ExpectedShortfall));
        }
        return new RiskEstimate(fit, Math.Sqrt(nextVariance), figures);
    }
}
