using System.Globalization;
using System.Text.Json;
using Project01.Onnx.Proto;

namespace Project01.Onnx.Explanations;

/// <summary>
/// What explanations need besides the graph, kept in the ONNX file's own metadata_props so the artifact stays one file
/// with one checksum (ONNX Runtime ignores these entries): the training rows through each tree node, in the order of
/// the TreeEnsembleRegressor's node attributes, or a linear model's training mean of each input. Models written before
/// these existed simply lack them.
/// </summary>
public static class ExplanationMetadata
{
    public const string NodeCovers = "explain.node_covers";
    public const string FeatureMeans = "explain.feature_means";

    /// <summary>How many training rows the statistics were taken over.</summary>
    public const string TrainingRows = "explain.training_rows";

    public static string Format(IEnumerable<double> values) => JsonSerializer.Serialize(values);

    public static double[]? Read(ModelProto model, string key) =>
        model.MetadataProps.LastOrDefault(p => p.Key == key) is { } entry ? JsonSerializer.Deserialize<double[]>(entry.Value) : null;

    public static void Write(ModelProto model, string key, string value)
    {
        var existing = model.MetadataProps.Where(p => p.Key == key).ToList();
        foreach (var e in existing) model.MetadataProps.Remove(e);
        model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
    }

    public static void Write(ModelProto model, int trainingRows, string key, IEnumerable<double> values)
    {
        Write(model, key, Format(values));
        Write(model, TrainingRows, trainingRows.ToString(CultureInfo.InvariantCulture));
    }
}
