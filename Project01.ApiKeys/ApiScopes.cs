namespace Project01.ApiKeys;

/// <summary>What a key may call: one scope per route family. Reads that cost little need none; every state-changing
/// route and the lake SQL route need theirs.</summary>
public static class ApiScopes
{
    // Inference
    public const string Forecast = "forecast";
    public const string Predict = "predict";
    public const string Models = "models";

    // Ingest
    public const string Replay = "replay";
    public const string LakeSql = "lake-sql";

    // Features
    public const string Features = "features";

    // Training
    public const string Train = "train";
    public const string Registry = "registry";
    public const string Backtest = "backtest";
    public const string Drift = "drift";

    /// <summary>May act for a person signed in to it (the dashboard): the actor recorded is that person, through this client.</summary>
    public const string Delegate = "delegate";

    /// <summary>The serving scopes, which <c>p01 keys create</c> grants unless told otherwise.</summary>
    public static IReadOnlyList<string> Serving { get; } = [Forecast, Predict, Models];

    public static IReadOnlyList<string> All { get; } = [Forecast, Predict, Models, Replay, LakeSql, Features, Train, Registry, Backtest, Drift, Delegate];
}
