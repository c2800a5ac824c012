namespace Project01.Contracts;

/// <summary>
/// Tail risk of one symbol from GJR-GARCH(1,1) with filtered historical simulation, fitted on its daily log returns up to
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

/// <summary>The fitted variance recursion: <c>Model</c> "gjr" (GJR-GARCH, <c>Gamma</c> the extra weight of a fall) or
/// "garch" (Gamma 0).</summary>
public sealed record GarchDto(double Mu, double Omega, double Alpha, double Beta, double Persistence, double LongRunVolatility,
    string Model = "garch", double Gamma = 0);

public sealed record RiskFigureDto(int HorizonDays, double Level, double ValueAtRisk, double ExpectedShortfall);

/// <summary>Each day of the span forecast from the returns before it; per level, Kupiec's coverage and Christoffersen's
/// independence and conditional coverage p-values (small: the VaR is wrong).</summary>
public sealed record RiskBacktestDto(DateTime From, DateTime To, int Days, int RefitEvery, IReadOnlyList<RiskLevelBacktestDto> Levels);

public sealed record RiskLevelBacktestDto(double Level, int Exceedances, double Expected, double KupiecP, double IndependenceP,
    double ConditionalCoverageP, double MeanShortfallRatio);
