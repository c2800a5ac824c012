using System.Text.Json;
using Project01.Core.Forecasting;
using Project01.Modeling.Training;
using Project01.Modeling.Tuning;

namespace Project01.Cli.Commands.Modeling;

/// <summary>The one JSON object <c>p01 tune</c> prints. Losses: lower is
/// better; undefined ones are null (JSON has no NaN).</summary>
public static class TuningJson
{
    public static void Write(Utf8JsonWriter json, TuningReport report, string input, long? studyId, TimeSpan elapsed)
    {
        var request = report.Request;
        json.WriteStartObject();
        json.WriteString("model", report.Algorithm);
        json.WriteString("target", request.Target.Name());
        json.WriteString("input", input);
        json.WriteNumber("symbols", report.Symbols);
        json.WriteString("sampler", report.Study.Sampler);
        json.WriteNumber("seed", request.Seed);
        json.WriteNumber("parallel", report.Parallelism);
        json.WriteString("pruner", request.Prune ? "median" : "none");
        json.WriteString("loss", report.Loss);
        Span(json, "train_validation", report.Seen);
        Span(json, "test", report.Test);
        json.WriteStartArray("folds");
        foreach (var fold in report.Folds)
        {
            json.WriteStartObject();
            EvaluationJson.Fold(json, fold);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartObject("trials");
        json.WriteNumber("requested", request.Trials);
        json.WriteNumber("completed", report.Study.Completed);
        json.WriteNumber("pruned", report.Study.Pruned);
        json.WriteEndObject();
        json.WriteStartObject("best");
        json.WriteNumber("number", report.Best.Number);
        json.WriteStartObject("params");
        foreach (var (key, value) in report.Best.Parameters.Describe()) json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteStartObject("config");
        foreach (var (key, value) in report.BestConfig) json.WriteString(key, value);
        json.WriteEndObject();
        Number(json, "cv_loss", report.Best.Value);
        json.WriteStartArray("fold_losses");
        foreach (var loss in report.Best.StepLosses) Number(json, null, loss);
        json.WriteEndArray();
        json.WriteEndObject();
        Number(json, "test_loss", report.TestLoss);
        Number(json, "naive_test_loss", report.NaiveTestLoss);
        Metrics(json, "model_metrics", report.ModelMetrics);
        Metrics(json, "naive_metrics", report.NaiveMetrics);
        json.WriteStartObject("registry");
        json.WriteBoolean("recorded", studyId is not null);
        if (studyId is { } id) json.WriteNumber("study_id", id);
        else json.WriteNull("study_id");
        json.WriteEndObject();
        json.WriteNumber("wall_seconds", Math.Round(elapsed.TotalSeconds, 1));
        json.WriteEndObject();
    }

    private static void Metrics(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double> metrics)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal)) Number(json, key, value);
        json.WriteEndObject();
    }

    private static void Span(Utf8JsonWriter json, string name, SpanSummary span) => EvaluationJson.Span(json, name, span);

    private static void Number(Utf8JsonWriter json, string? name, double value)
    {
        if (name is null)
        {
            if (double.IsFinite(value)) json.WriteNumberValue(value);
            else json.WriteNullValue();
        }
        else if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }
}
