using Project01.ApiKeys;
using Project01.ApiSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Monitoring.Drift;
using Project01.ModelRegistry.Registry;
using Project01.Monitoring.Performance;
using Project01.ModelTraining.Decay;

namespace Project01.Training.Apis;

public static class MonitoringApi
{
    public static IEndpointRouteBuilder MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/monitoring").WithTags("Monitoring");
        api.MapGet("/drift", List).WithName("ListDriftReports").WithSummary("The newest drift check of every monitored model");
        api.MapGet("/drift/{model}", Get).WithName("GetDriftReport").WithSummary("The newest drift check of a model: per-feature series and data-quality issues");
        api.MapPost("/drift/{model}", Run).RequireScopeForHeavyWork(ApiScopes.Drift).WithName("RunDriftCheck").WithSummary("Check a model (its champion, or ?version=) for drift now and store the report");
        api.MapGet("/performance/{model}", GetPerformance).WithName("GetModelPerformance")
            .WithSummary("A ret1 model's out-of-sample forecast quality by month (its champion, or ?version=)");
        api.MapGet("/decay/{model}", GetDecay).WithName("GetPerformanceDecay")
            .WithSummary("Realised performance decay of a model (its champion, or ?version=): its loss on the newest days after validation against the naive forecast's");
        api.MapGet("/coverage/{model}", GetCoverage).WithName("GetIntervalCoverage")
            .WithSummary("Realised coverage of a model's calibrated 80 % and 90 % intervals on its test span, by month (its champion, or ?version=)");
        return app;
    }

    private static async Task<Ok<DriftSummaryDto[]>> List(DriftReportStore reports, CancellationToken ct) =>
        TypedResults.Ok((await reports.LatestAsync(null, ct)).Select(r =>
        {
            var dto = ToDto(r);
            return new DriftSummaryDto(dto.Id, dto.Model, dto.Version, dto.ComputedAt, dto.AlertFeatures, dto.WarningFeatures, dto.Quality.Count);
        }).ToArray());

    private static async Task<Results<Ok<DriftReportDto>, ProblemHttpResult>> Get(string model, DriftReportStore reports, CancellationToken ct) =>
        (await reports.LatestAsync(model, ct)).FirstOrDefault() is { } report
            ? TypedResults.Ok(ToDto(report))
            : TypedResults.Problem($"{model} has not been checked for drift yet", statusCode: StatusCodes.Status404NotFound, title: "No drift report");

    private static async Task<Results<Ok<DriftReportDto>, ProblemHttpResult>> Run(string model, int? version, DriftMonitor monitor, CancellationToken ct)
    {
        try
        {
            var resolved = await monitor.ResolveAsync(model, version, ct);
            return TypedResults.Ok(ToDto(await monitor.RunAsync(resolved, ct)));
        }
        catch (KeyNotFoundException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"); }
        catch (InvalidOperationException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status409Conflict, title: "Cannot check drift"); }
    }

    private static async Task<Results<Ok<ModelPerformanceDto>, ProblemHttpResult>> GetPerformance(string model, int? version, DriftMonitor monitor,
        ModelRegistryStore registry, CancellationToken ct)
    {
        ModelVersion resolved;
        try { resolved = await monitor.ResolveAsync(model, version, ct); }
        catch (KeyNotFoundException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"); }
        if (resolved.Target != "ret1")
            return TypedResults.Problem($"{model} forecasts {resolved.Target}; monthly IC, hit rate and RMSE against no change are measures of return forecasts",
                statusCode: StatusCodes.Status409Conflict, title: "Not a return model");
        var predictions = await registry.GetPredictionsAsync(resolved.Name, resolved.Version, ct);
        var months = MonthlyPerformance.Compute(predictions.Where(p => p.Actual is not null).Select(p => (p.TargetTime, p.Predicted, p.Actual!.Value)));
        return TypedResults.Ok(new ModelPerformanceDto(resolved.Name, resolved.Version, resolved.Target,
            [.. months.Select(m => new MonthPerformanceDto(m.Month, m.Count, N(m.Ic), N(m.RankIc), N(m.HitRate), N(m.Rmse), N(m.NaiveRmse)))]));
    }

    private static async Task<Results<Ok<ModelCoverageDto>, ProblemHttpResult>> GetCoverage(string model, int? version, DriftMonitor monitor,
        ModelRegistryStore registry, CancellationToken ct)
    {
        ModelVersion resolved;
        try { resolved = await monitor.ResolveAsync(model, version, ct); }
        catch (KeyNotFoundException e) { return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"); }
        var predictions = await registry.GetPredictionsAsync(resolved.Name, resolved.Version, ct);
        var levels = MonthlyCoverage.StoredLevels.Select(level =>
        {
            var months = MonthlyCoverage.Compute(predictions, level.Bounds);
            var count = months.Sum(m => m.Count);
            return new LevelCoverageDto(level.Nominal, count, count == 0 ? null : (double)months.Sum(m => m.Inside) / count,
                [.. months.Select(m => new MonthCoverageDto(m.Month, m.Count, m.Coverage, m.Holds(level.Nominal)))]);
        }).ToList();
        return TypedResults.Ok(new ModelCoverageDto(resolved.Name, resolved.Version, resolved.Target, MonthlyCoverage.Tolerance,
            levels.Any(l => l.Count > 0), levels));
    }

    private static async Task<Results<Ok<DecayCheckDto>, ProblemHttpResult>> GetDecay(string model, int? version, DriftMonitor monitor,
        PerformanceDecay decay, DecayChecks checks, CancellationToken ct)
    {
        ModelVersion resolved;
        try { resolved = await monitor.ResolveAsync(model, version, ct); }
        catch (KeyNotFoundException missing) { return TypedResults.Problem(missing.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found"); }
        // The monitor's newest check of this version, else one now (scoring the newest days once).
        var (c, at) = checks.Latest(resolved.Name, resolved.Version) ?? checks.Record(await decay.CheckAsync(resolved, ct));
        var e = c.Evidence;
        return TypedResults.Ok(new DecayCheckDto(c.Model, c.Version, at, c.Decayed, e.Metric, e.Test is null ? null : N(e.ChampionLoss),
            e.Test is null ? null : N(e.ChallengerLoss), e.Test?.PValue, e.Test?.Periods,
            e.Test is null ? null : e.WindowStart, e.Test is null ? null : e.WindowEnd, c.Describe()));
    }

    internal static DriftReportDto ToDto(DriftReport report)
    {
        var a = report.Analysis;
        var t = a.Thresholds;
        return new DriftReportDto(report.Id, report.Model, report.Version, report.ComputedAt, a.ReferenceStart, a.ReferenceEnd, a.CurrentStart, a.CurrentEnd,
            a.Symbols, new DriftThresholdsDto(t.WindowMonths, t.MinWindowCount, t.Bins, t.WarningQuantile, t.MinWasserstein, t.AlertKsP,
                t.WarningKsP, DatasetDrift.DriftShare),
            [.. a.Features.Where(f => f.Level == DriftLevel.Alert).Select(f => f.Feature)],
            [.. a.Features.Where(f => f.Level == DriftLevel.Warning).Select(f => f.Feature)],
            [.. a.Features.Select(f => new FeatureDriftDto(f.Feature, Level(f.Level), f.ReferenceCount, N(f.ReferenceMean), N(f.ReferenceSd), N(f.Latest?.Psi),
                f.Windows.Select(w => w.Psi).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Max() is var max && double.IsFinite(max) ? max : null,
                [.. f.Windows.Select(w => new DriftWindowDto(w.Start, w.End, w.Count, N(w.Psi), N(w.KsStatistic), N(w.KsPValue), N(w.WassersteinSd),
                    N(w.JensenShannon), N(w.MissingRate), N(w.OutOfRangeRate), Level(w.Level), N(w.AlertLevel)))]))],
            [.. a.Quality.Select(q => new QualityIssueDto(q.Kind, q.Subject, Level(q.Severity), q.Detail))],
            [.. a.Dataset.Select(d => new DatasetWindowDto(d.Start, d.End, d.Judged, d.Drifted, d.DriftedShare, d.DatasetDrift))], a.DatasetDrifted);
    }

    private static string Level(DriftLevel level) => level.ToString().ToLowerInvariant();

    // JSON has no NaN: an undefined measure is null.
    private static double? N(double value) => double.IsFinite(value) ? value : null;
    private static double? N(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
