namespace Project01.Contracts;

/// <summary>Backtest a registered ret1 model version's out-of-sample predictions with a strategy
/// (<c>topk:K:NDROP</c>, <c>longshort:Q</c>, <c>longflat[:THRESHOLD]</c>) and a one-way cost in basis points.</summary>
public sealed record BacktestRequest(string Model, int Version, string Strategy, double CostBps = 10);

public sealed record BacktestSummaryDto(string RunId, string Model, int Version, string DatasetId, string Strategy, double CostBps, int PeriodsPerYear,
    IReadOnlyDictionary<string, double> Metrics, DateTime? CreatedAt);

public sealed record MonthlyReturnDto(int Year, int Month, double Return);

public sealed record BacktestDto(BacktestSummaryDto Summary, IReadOnlyList<DateTime> Dates, IReadOnlyList<double> Equity,
    IReadOnlyList<double> Drawdown, IReadOnlyList<double> Turnover, IReadOnlyList<MonthlyReturnDto> MonthlyReturns);

/// <summary>Move an alias (e.g. champion) to a version; <c>Reason</c> is required and kept in the alias history. Who moved
/// it is the caller's identity, never a field of the body.</summary>
public sealed record AliasChangeRequest(int Version, string Reason);

public sealed record AliasRollbackRequest(string Reason);
