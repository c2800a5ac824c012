namespace Project01.Serving.ApiKeys;

/// <summary>What a client may call.</summary>
public static class ApiScopes
{
    public const string Forecast = "forecast";
    public const string Predict = "predict";
    public const string Models = "models";

    public static IReadOnlyList<string> All { get; } = [Forecast, Predict, Models];
}

/// <summary>A client's key as stored: only its SHA-256 hash, never the key itself.</summary>
public sealed record ApiKey(long Id, string Client, string Prefix, IReadOnlyList<string> Scopes, int RequestsPerMinute, DateTime CreatedAt, DateTime? RevokedAt)
{
    public bool Allows(string scope) => RevokedAt is null && Scopes.Contains(scope);
}

/// <summary>A key just issued: the secret is shown once and cannot be recovered.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
