using Project01.Risk.Garch;

namespace Project01.Risk;

/// <summary>VaR and ES (positive losses of the cumulative log return, see <see cref="Simulation.TailRisk"/>) at one
/// horizon and confidence level.</summary>
public sealed record RiskFigure(int Horizon, double Level, double ValueAtRisk, double ExpectedShortfall);

/// <summary>The risk of the days after the last return: the model it came from and one figure per horizon and level.</summary>
/// <param name="NextVolatility">σ_{T+1}, the model's volatility of the next day's log return.</param>
public sealed record RiskEstimate(GarchFit Fit, double NextVolatility, IReadOnlyList<RiskFigure> Figures)
{
    public RiskFigure Figure(int horizon, double level) =>
        Figures.FirstOrDefault(f => f.Horizon == horizon && f.Level == level)
        ?? throw new KeyNotFoundException($"no figure for {horizon} days at {level}");
}
