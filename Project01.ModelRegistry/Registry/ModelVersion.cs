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

public sealed record StoredPrediction(string Symbol, DateTime FeatureTime, DateTime TargetTime, double Predicted, double? Actual, string Split);

public static class Aliases
{
    public const string Champion = "champion";
    public const string Challenger = "challenger";

    public static bool IsValid(string alias) => alias.Length is > 0 and <= 32 && alias.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
