namespace Project01.Contracts;

/// <summary>Queue a hyper-parameter search (what <c>p01 tune</c> runs) on a bundled dataset (<c>sp500</c> or <c>dow30</c>):
/// the model (lightgbm, xgboost or ridge), the target (vol5, ret1, dir1), the trial budget, the purged walk-forward folds
/// each trial is scored on, the split dates (yyyy-MM-dd; defaults per dataset), the sampler (tpe or random), its seed, trials
/// at once (default 1: the worker shares its cores) and whether poor trials are pruned.</summary>
public sealed record TuningJobRequest(string? Model, string? Target, int Trials = 20, int Folds = 5, string Dataset = "sp500", string? TrainEnd = null,
    string? ValidEnd = null, string Sampler = "tpe", int Seed = 1, int Parallel = 1, bool Prune = true);

/// <summary>A trial of a study: its setting, <c>complete</c> or <c>pruned</c>, its score (mean fold loss, lower is better;
/// null when undefined) and each fold's loss as far as it got.</summary>
public sealed record TuningTrialDto(int Number, string State, IReadOnlyDictionary<string, string> Parameters, double? Score, IReadOnlyList<double> FoldLosses,
    DateTime StartedAt, DateTime FinishedAt);

/// <summary>A tuning job: <c>State</c> is queued, running, succeeded or failed; <c>StudyId</c> is the registry's study once
/// it started, <c>Trials</c> what it recorded so far, <c>Best</c> the best completed trial (the study's choice once it
/// succeeded) and, then, the chosen setting's loss on the untouched test span next to the naive forecast's.</summary>
public sealed record TuningJobDto(long Id, string State, TuningJobRequest Request, string RequestedBy, DateTime CreatedAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? Progress, string? Error, long? StudyId, string? Loss, IReadOnlyList<TuningTrialDto> Trials, TuningTrialDto? Best,
    double? TestLoss = null, double? NaiveTestLoss = null);

/// <summary>Run the walk-forward comparison of portfolio methods (what <c>p01 portfolio</c> runs) on the bundled Dow 30
/// panel: <c>Method</c> is all or one of ew, mv, min-var, rp, ppo (equal weight bought and held always runs);
/// <c>PpoIterations</c> and <c>PpoStepsPerIteration</c> size PPO's training budget (smaller is faster, defaults as the CLI).</summary>
public sealed record PortfolioJobRequest(string TestStart = "1997-01-01", string Method = "all", double CostBps = 10, string Rebalance = "monthly",
    int Window = 252, double RiskAversion = 10, double Cap = 0.2, int Seed = 1, int PpoIterations = 60, int PpoStepsPerIteration = 256);

/// <summary>One method's out-of-sample result; ratios that are undefined are null. Turnover is one-way, per year.</summary>
public sealed record PortfolioMethodDto(string Method, double? TotalReturn, double? AnnualReturn, double? AnnualVolatility, double? Sharpe, double? Sortino,
    double? MaxDrawdown, double? Calmar, double? TurnoverPerYear, double? TotalCost, int Rebalances, double? Cash,
    IReadOnlyDictionary<string, double> FinalWeights, IReadOnlyList<double> Equity);

/// <summary>The comparison: the test span, its dates (one per test day, shared by every method's equity curve), and the methods.</summary>
public sealed record PortfolioComparisonDto(string Dataset, int Assets, DateTime TestStart, DateTime TestEnd, int TestDays, int WindowDays, double CostBps,
    string Rebalance, IReadOnlyList<DateTime> Dates, IReadOnlyList<PortfolioMethodDto> Methods);

/// <summary>A portfolio job: <c>State</c> is queued, running, succeeded or failed; <c>Result</c> is set when it succeeded.</summary>
public sealed record PortfolioJobDto(long Id, string State, PortfolioJobRequest Request, string RequestedBy, DateTime CreatedAt, DateTime? StartedAt,
    DateTime? FinishedAt, string? Progress, string? Error, PortfolioComparisonDto? Result);
