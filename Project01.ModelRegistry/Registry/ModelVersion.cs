namespace Project01.ModelRegistry.Registry;

/// <summary>A registered model version: what it forecasts, from which inputs, how it scored, and where its ONNX file is
/// (<see cref="ArtifactPath"/> is relative to the lake root).</summary>
public sealed record ModelVersion(
    string Name,
    int Version,
    string Target,
    string Algorithm,
    DateTime CreatedAt,
    IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Parameters,
    string DatasetId,
    string ArtifactPath,
    string OnnxSha256,
    double? IntervalLower,
    double? IntervalUpper,
    double? IntervalCoverage,
    IReadOnlyDictionary<string, double>? Importances = null);

/// <summary>A new version to register (the registry assigns the number).</summary>
public sealed record ModelVersionDraft(
    string Name,
    string Target,
    string Algorithm,
    IReadOnlyList<string> Inputs,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Parameters,
    string DatasetId,
    byte[] Onnx,
    double? IntervalLower,
    double? IntervalUpper,
    double? IntervalCoverage,
    IReadOnlyDictionary<string, double>? Importances = null);

/// <summary>One change of an alias: who moved it, when, from which version to which, and why.</summary>
public sealed record AliasEvent(string Name, string Alias, int Version, int? PreviousVersion, DateTime At, string By, string Reason);

/// <summary>A stored out-of-sample forecast. <c>Interval80</c>/<c>Interval90</c>: the calibrated interval it would have
/// been served (absolute bounds); null for versions trained before they were stored, or while no finite bound existed.</summary>
public sealed record StoredPrediction(string Symbol, DateTime FeatureTime, DateTime TargetTime, double Predicted, double? Actual, string Split,
    PredictionBounds? Interval80 = null, PredictionBounds? Interval90 = null);

public readonly record struct PredictionBounds(double Lower, double Upper);

public static class Aliases
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";

    public static bool IsValid(string alias) => alias.Length is > 0 and <= 32 && alias.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
