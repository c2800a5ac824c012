using System.Text.Json;
using Project01.Backtesting.Runs;
using Project01.ModelRegistry.Registry;

namespace Project01.Cli.Commands.Registry;

/// <summary>JSON shapes the registry commands print (snake_case; undefined numbers as null).</summary>
public static class RegistryJson
{
    public static void Print(Action<Utf8JsonWriter> write)
    {
        using (var json = new Utf8JsonWriter(System.Console.OpenStandardOutput())) write(json);
        System.Console.Out.WriteLine();
    }

    public static void Version(Utf8JsonWriter json, ModelVersion v, IReadOnlyDictionary<string, int> aliases)
    {
        json.WriteString("name", v.Name);
        json.WriteNumber("version", v.Version);
        json.WriteString("target", v.Target);
        json.WriteString("algorithm", v.Algorithm);
        json.WriteStartArray("aliases");
        foreach (var alias in aliases.Where(a => a.Value == v.Version).Select(a => a.Key).Order(StringComparer.Ordinal)) json.WriteStringValue(alias);
        json.WriteEndArray();
        json.WriteString("created_at", v.CreatedAt.ToUniversalTime());
        json.WriteString("dataset_id", v.DatasetId);
        json.WriteString("artifact_path", v.ArtifactPath);
        json.WriteString("onnx_sha256", v.OnnxSha256);
        json.WriteStartArray("inputs");
        foreach (var input in v.Inputs) json.WriteStringValue(input);
        json.WriteEndArray();
        Numbers(json, "metrics", v.Metrics);
        json.WriteStartObject("parameters");
        foreach (var (key, value) in v.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(key, value);
        json.WriteEndObject();
    }

    public static void AliasEvent(Utf8JsonWriter json, AliasEvent e)
    {
        json.WriteStartObject();
        json.WriteString("name", e.Name);
        json.WriteString("alias", e.Alias);
        json.WriteNumber("version", e.Version);
        if (e.PreviousVersion is { } previous) json.WriteNumber("previous_version", previous);
        else json.WriteNull("previous_version");
        json.WriteString("at", e.At.ToUniversalTime());
        json.WriteString("by", e.By);
        json.WriteString("reason", e.Reason);
        json.WriteEndObject();
    }

    public static void Backtest(Utf8JsonWriter json, BacktestRun run, bool series)
    {
        json.WriteStartObject();
        json.WriteString("run_id", run.RunId);
        json.WriteString("name", run.Name);
        json.WriteNumber("version", run.Version);
        json.WriteString("dataset_id", run.DatasetId);
        json.WriteString("strategy", run.Strategy);
        json.WriteNumber("cost_bps", run.CostBps);
        json.WriteNumber("periods_per_year", run.PeriodsPerYear);
        Numbers(json, "metrics", run.Metrics);
        if (series)
        {
            json.WriteStartArray("equity");
            for (var i = 0; i < run.Dates.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("date", run.Dates[i].ToString("yyyy-MM-dd"));
                json.WriteNumber("equity", run.Equity[i]);
                json.WriteNumber("drawdown", run.Drawdown[i]);
                json.WriteNumber("turnover", run.Turnover[i]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    public static void Numbers(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double> values)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (double.IsFinite(value)) json.WriteNumber(key, value);
            else json.WriteNull(key);
        }
        json.WriteEndObject();
    }
}
