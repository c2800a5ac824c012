using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Project01.Cli.Commands.Features;
using Project01.Cli.Console;
using Project01.ModelRegistry.Artifacts;
using Project01.Monitoring.Drift;
using Project01.ModelRegistry.Registry;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Monitoring;

/// <summary>
/// <c>p01 drift MODEL [--version N] [--format csv|json] [--save] [--fail-on-alert]</c>: per-feature drift of a registered
/// model (its champion by default) between its training span and everything after its validation span, one CSV row
/// per feature and calendar month; data-quality issues go to stderr (and into the JSON).
/// </summary>
public sealed class DriftCommand : AsyncCommand<DriftCommand.Settings>
{
    public const int AlertExitCode = 3;

    public sealed class Settings : FeatureStoreSettings
    {
        [CommandArgument(0, "<MODEL>")]
        [Description("registered model name, e.g. ret1-lightgbm")]
        public string Model { get; init; } = "";

        [CommandOption("--version <N>")]
        [Description("model version (default: the champion)")]
        public int? Version { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("csv (default: one row per feature and month) or json (the whole report)")]
        public string Format { get; init; } = "csv";

        [CommandOption("--save")]
        [Description("store the report in the registry database (what the dashboard shows)")]
        public bool Save { get; init; }

        [CommandOption("--fail-on-alert")]
        [Description("exit with code 3 when a feature's latest month is past the PSI alert level")]
        public bool FailOnAlert { get; init; }

        public override ValidationResult Validate() =>
            Format is not ("csv" or "json") ? ValidationResult.Error($"--format must be csv or json, not '{Format}'") : ValidationResult.Success();
    }

    public const string CsvHeader = "feature,window_start,window_end,count,psi,ks_statistic,ks_p_value,wasserstein_sd,jensen_shannon,missing_rate,out_of_range_rate,level";

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDb();
        var registry = new ModelRegistryStore(db, new ModelArtifacts(Directory.GetCurrentDirectory()));
        await registry.EnsureSchemaAsync(cancellationToken);
        var reports = new DriftReportStore(db);
        var monitor = new DriftMonitor(settings.OpenOffline(db), registry, reports);
        var model = await monitor.ResolveAsync(settings.Model, settings.Version, cancellationToken);
        Stderr.Info($"checking {model.Name} v{model.Version}: reference ≤ {model.Parameters.GetValueOrDefault("train_end")}, current > {model.Parameters.GetValueOrDefault("validation_end")}");
        DriftAnalysis analysis;
        if (settings.Save)
        {
            await reports.EnsureSchemaAsync(cancellationToken);
            var report = await monitor.RunAsync(model, cancellationToken);
            analysis = report.Analysis;
            Stderr.Info($"stored as drift report {report.Id}");
        }
        else analysis = await monitor.AnalyzeAsync(model, null, cancellationToken);

        var stdout = System.Console.Out;
        if (settings.Format == "json")
            stdout.WriteLine(JsonSerializer.Serialize(new { model = model.Name, version = model.Version, analysis }, Json));
        else
        {
            stdout.WriteLine(CsvHeader);
            foreach (var f in analysis.Features)
                foreach (var w in f.Windows)
                    stdout.WriteLine(string.Join(',', f.Feature, w.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        w.Count.ToString(CultureInfo.InvariantCulture), N(w.Psi), N(w.KsStatistic), N(w.KsPValue), N(w.WassersteinSd), N(w.JensenShannon), N(w.MissingRate),
                        N(w.OutOfRangeRate), w.Level.ToString().ToLowerInvariant()));
        }
        foreach (var q in analysis.Quality) Stderr.Info($"warning: {q.Severity.ToString().ToLowerInvariant()} {q.Kind} {q.Subject}: {q.Detail}");
        var alerts = analysis.Alerts.Select(f => f.Feature).ToList();
        Stderr.Info(alerts.Count == 0
            ? $"{analysis.Features.Count} features checked: no alerts ({analysis.Features.Count(f => f.Level == DriftLevel.Warning)} warnings)"
            : $"{analysis.Features.Count} features checked: {alerts.Count} alerts ({string.Join(", ", alerts)})");
        return settings.FailOnAlert && alerts.Count > 0 ? AlertExitCode : 0;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    // Empty for an undefined measure (too few values), as CSV readers expect.
    private static string N(double v) => double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
