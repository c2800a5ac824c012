namespace Project01.Contracts;

/// <summary>
/// Tail risk of one symbol from GARCH(1,1) with filtered historical simulation, fitted on its daily log returns up to
/// <c>AsOf</c>: VaR and ES as positive losses of the cumulative log return (0.03 = a 3 % log-return fall), and how
/// the same method did out of sample on the last days.
/// </summary>
public sealed record RiskDto(
    string Symbol,
    DateTime AsOf,
    int Observations,
    double NextVolatility,
    GarchDto Garch,
    IReadOnlyList<RiskFigureDto> Figures,
    RiskBacktestDto Backtest);

public sealed record GarchDto(double Mu, double Omega, double Alpha, double Beta, double Persistence, double LongRunVolatility);

public sealed record RiskFigureDto(int HorizonDays, double Level, double ValueAtRisk, double ExpectedShortfall);

/// <summary>Each day of the span forecast from the returns before it; per level, Kupiec's coverage and Christoffersen's
/// independence and conditional coverage p-values (small: the VaR is wrong).</summary>
public sealed record RiskBacktestDto(DateTime From, DateTime To, int Days, int RefitEvery, IReadOnlyList<RiskLevelBacktestDto> Levels);

public sealed record RiskLevelBacktestDto(double Level, int Exceedances, double Expected, double KupiecP, double IndependenceP,
    double ConditionalCoverageP, double MeanShortfallRatio);
