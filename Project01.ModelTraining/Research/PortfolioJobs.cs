using System.Globalization;
using System.Text.Json;
using Project01.Contracts;
using Project01.ModelTraining.Jobs;
using Project01.Portfolios.Backtest;
using Project01.Portfolios.Ppo;
using Project01.Portfolios.Ppo.Comparison;

namespace Project01.ModelTraining.Research;

/// <summary>
/// Portfolio jobs of the Training service: a <see cref="PortfolioJobRequest"/> checked and turned into the options
/// <c>p01 portfolio</c> builds from its flags, and run with the same <see cref="PortfolioComparison"/> on the bundled
/// Dow 30 panel. PPO trains with TorchSharp, which is why this runs in the Training service and nowhere else.
/// </summary>
public sealed class PortfolioJobs(ResearchJobQueue queue)
{
    public const string Dataset = ResearchDatasets.Dow30;

    private static readonly Lazy<ReturnPanel> Panel = new(() => ReturnPanel.FromCloses(ResearchDatasets.Bars(Dataset)));

    /// <summary>The comparison a request asks for; throws <see cref="InvalidResearchRequestException"/> naming the field at fault.</summary>
    public static (PortfolioBacktestOptions Options, PortfolioComparisonSettings Settings) Parse(PortfolioJobRequest request)
    {
        var panel = Panel.Value;
        if (!DateOnly.TryParseExact(request.TestStart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new InvalidResearchRequestException("testStart", $"testStart: '{request.TestStart}' is not a date (yyyy-MM-dd)");
        var testStart = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var rebalance = request.Rebalance switch
        {
            "monthly" => Rebalance.Monthly,
            "daily" => Rebalance.Daily,
            _ => throw new InvalidResearchRequestException("rebalance", $"rebalance is monthly or daily, not '{request.Rebalance}'"),
        };
        if (!double.IsFinite(request.CostBps) || request.CostBps is < 0 or > 1_000)
            throw new InvalidResearchRequestException("costBps", $"costBps must be between 0 and 1000, not {request.CostBps}");
        if (request.Window is < 20 or > 2_000) throw new InvalidResearchRequestException("window", $"window must be between 20 and 2000 days, not {request.Window}");
        var first = panel.IndexOnOrAfter(testStart);
        if (first < request.Window || panel.Dates.Count - first < 21)
            throw new InvalidResearchRequestException("testStart",
                $"testStart must leave {request.Window} days of returns before it and a month after it in {panel.Dates[0]:yyyy-MM-dd}..{panel.Dates[^1]:yyyy-MM-dd}");
        if (request.PpoIterations is < 1 or > 1_000)
            throw new InvalidResearchRequestException("ppoIterations", $"ppoIterations must be between 1 and 1000, not {request.PpoIterations}");
        if (request.PpoStepsPerIteration is < 8 or > 8_192)
            throw new InvalidResearchRequestException("ppoStepsPerIteration", $"ppoStepsPerIteration must be between 8 and 8192, not {request.PpoStepsPerIteration}");
        var options = new PortfolioBacktestOptions(testStart, request.Window, request.CostBps, rebalance);
        var settings = new PortfolioComparisonSettings(request.Method ?? PortfolioComparison.All, request.RiskAversion, request.Cap,
            new PpoOptions { Seed = request.Seed, Iterations = request.PpoIterations, StepsPerIteration = request.PpoStepsPerIteration });
        if (PortfolioComparison.Invalid(settings, options, panel.Symbols.Count) is { } problem)
            throw new InvalidResearchRequestException(problem.Setting, problem.Reason);
        return (options, settings);
    }

    public Task<ResearchJob> EnqueueAsync(PortfolioJobRequest request, string requestedBy, CancellationToken ct)
    {
        Parse(request);
        return queue.EnqueueAsync(ResearchJobQueue.Portfolio, JsonSerializer.Serialize(request, TuningJobs.Json), requestedBy, ct);
    }

    /// <summary>Runs a claimed job; the result is the comparison as the API returns it.</summary>
    public static PortfolioComparisonDto Run(PortfolioJobRequest request, IProgress<string> progress, CancellationToken ct)
    {
        var (options, settings) = Parse(request);
        var panel = Panel.Value;
        var runs = PortfolioComparison.Run(panel, options, settings, progress.Report, ct);
        return Describe(panel, options, runs);
    }

    /// <summary>The comparison's DTO: the same numbers <c>p01 portfolio</c> prints, and each method's equity curve.</summary>
    public static PortfolioComparisonDto Describe(ReturnPanel panel, PortfolioBacktestOptions options, IReadOnlyList<PortfolioRun> runs)
    {
        var periods = runs[0].Periods;
        return new PortfolioComparisonDto(Dataset, panel.Symbols.Count, periods[0].Date, periods[^1].Date, periods.Count, options.Window, options.CostBps,
            options.Rebalance.ToString().ToLowerInvariant(), [.. periods.Select(p => p.Date)],
            [.. runs.Select(run =>
            {
                var p = run.Performance;
                return new PortfolioMethodDto(run.Method, Finite(p.TotalReturn), Finite(p.AnnualReturn), Finite(p.AnnualVolatility), Finite(p.Sharpe),
                    Finite(p.Sortino), Finite(p.MaxDrawdown), Finite(p.Calmar), Finite(p.Turnover * 252), Finite(run.TotalCost), run.Rebalances,
                    Finite(1 - run.FinalWeights.Sum()),
                    panel.Symbols.Select((s, i) => (s, w: run.FinalWeights[i])).Where(x => double.IsFinite(x.w)).ToDictionary(x => x.s, x => x.w),
                    [.. run.Periods.Select(x => x.Equity)]);
            })]);
    }

    public static PortfolioJobDto ToDto(ResearchJob job) =>
        new(job.Id, job.State, JsonSerializer.Deserialize<PortfolioJobRequest>(job.Request, TuningJobs.Json)!, job.RequestedBy, job.CreatedAt, job.StartedAt,
            job.FinishedAt, job.Progress, job.Error, job.Result is null ? null : JsonSerializer.Deserialize<PortfolioComparisonDto>(job.Result, TuningJobs.Json));

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
