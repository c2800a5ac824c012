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
/// per input and window (a quarter by default); data-quality issues go to stderr (and into the JSON).
/// <para>
/// <c>p01 drift --reference A.csv --current B.csv [--fail-on-alert]</c>: two files compared column by column
/// (<see cref="DatasetComparison"/>; a price series is compared on the model inputs derived from it), one JSON object
/// on stdout whose key names are a contract: see <see cref="WriteComparison"/>.
/// </para>
/// </summary>
public sealed class DriftCommand : AsyncCommand<DriftCommand.Settings>
{
    public const int AlertExitCode = 3;

    public sealed class Settings : FeatureStoreSettings
    {
        [CommandArgument(0, "[MODEL]")]
        [Description("registered model name, e.g. ret1-lightgbm (or compare two files with --reference and --current)")]
        public string? Model { get; init; }

        [CommandOption("--reference <CSV>")]
        [Description("reference file (header row; numeric columns, or a date,close price series whose model inputs are derived), with --current")]
        public string? Reference { get; init; }

        [CommandOption("--current <CSV>")]
        [Description("current file, laid out as the reference; prints one JSON object")]
        public string? Current { get; init; }

        [CommandOption("--version <N>")]
        [Description("model version (default: the champion)")]
        public int? Version { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("csv (default: one row per input and window) or json (the whole report); files are always compared to JSON")]
        public string? Format { get; init; }

        [CommandOption("--save")]
        [Description("store the report in the registry database (what the dashboard shows)")]
        public bool Save { get; init; }

        [CommandOption("--fail-on-alert")]
        [Description("exit with code 3 when an input's latest window is an alert, or when the files show data-set drift")]
        public bool FailOnAlert { get; init; }

        public bool ComparesFiles => Reference is not null || Current is not null;

        public override ValidationResult Validate()
        {
            if (ComparesFiles)
            {
                if (!string.IsNullOrEmpty(Model)) return ValidationResult.Error($"give a model ('{Model}') or --reference and --current files, not both");
                if (string.IsNullOrEmpty(Reference) || string.IsNullOrEmpty(Current)) return ValidationResult.Error("--reference and --current go together: give both files");
                if (Version is not null || Save) return ValidationResult.Error("--version and --save apply to a registered model, not to files");
                return Format is null or "json" ? ValidationResult.Success() : ValidationResult.Error("comparing files prints JSON only; leave out --format");
            }
            if (string.IsNullOrEmpty(Model)) return ValidationResult.Error("give a registered MODEL (e.g. ret1-lightgbm), or both --reference and --current CSV files");
            return Format is null or "csv" or "json" ? ValidationResult.Success() : ValidationResult.Error($"--format must be csv or json, not '{Format}'");
        }
    }

    public const string CsvHeader = "feature,window_start,window_end,count,psi,ks_statistic,ks_p_value,wasserstein_sd,jensen_shannon,missing_rate,out_of_range_rate,level";

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.ComparesFiles) return CompareFiles(settings);
        await using var db = settings.OpenDb();
        var registry = new ModelRegistryStore(db, new ModelArtifacts(Directory.GetCurrentDirectory()));
        await registry.EnsureSchemaAsync(cancellationToken);
        var reports = new DriftReportStore(db);
        var monitor = new DriftMonitor(settings.OpenOffline(db), registry, reports);
        var model = await monitor.ResolveAsync(settings.Model!, settings.Version, cancellationToken);
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

    private static int CompareFiles(Settings settings)
    {
        var comparison = DatasetComparison.Compare(DriftSample.Read(settings.Reference!), DriftSample.Read(settings.Current!));
        foreach (var sample in new[] { comparison.Reference, comparison.Current })
            Stderr.Info($"{sample.Source}: {sample.Rows} rows{(sample.IsPriceSeries ? ", a price series: its model inputs are compared, not its prices" : "")}");
        foreach (var note in comparison.Notes) Stderr.Info($"note: {note}");
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteComparison(json, comparison);
        System.Console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
        var drifted = comparison.Columns.Where(c => c.Drifted).Select(c => c.Column).ToList();
        Stderr.Info($"{drifted.Count} of {comparison.Columns.Count} columns drifted{(drifted.Count > 0 ? $" ({string.Join(", ", drifted)})" : "")}: " +
            (comparison.Drifted ? "data-set drift" : "no data-set drift") + $" (threshold: {DatasetDrift.DriftShare:P0} of columns)");
        return settings.FailOnAlert && comparison.Drifted ? AlertExitCode : 0;
    }

    /// <summary>
    /// The output contract of a file comparison, key for key: <c>reference</c>, <c>current</c>, <c>reference_rows</c>,
    /// <c>current_rows</c>, <c>columns</c> (column name → <c>psi</c>, <c>ks_stat</c>, <c>ks_p</c>, <c>wasserstein</c> in
    /// reference standard deviations, <c>js</c>, <c>drifted</c>), <c>drifted_share</c>, <c>dataset_drift</c>. An undefined
    /// measure is null.
    /// </summary>
    public static void WriteComparison(Utf8JsonWriter json, DatasetComparison comparison)
    {
        json.WriteStartObject();
        json.WriteString("reference", comparison.Reference.Source);
        json.WriteString("current", comparison.Current.Source);
        json.WriteNumber("reference_rows", comparison.Reference.Rows);
        json.WriteNumber("current_rows", comparison.Current.Rows);
        json.WriteStartObject("columns");
        foreach (var c in comparison.Columns)
        {
            json.WriteStartObject(c.Column);
            Number(json, "psi", c.Psi);
            Number(json, "ks_stat", c.KsStatistic);
            Number(json, "ks_p", c.KsPValue);
            Number(json, "wasserstein", c.Wasserstein);
            Number(json, "js", c.JensenShannon);
            json.WriteBoolean("drifted", c.Drifted);
            json.WriteEndObject();
        }
        json.WriteEndObject();
        json.WriteNumber("drifted_share", comparison.DriftedShare);
        json.WriteBoolean("dataset_drift", comparison.Drifted);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
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
