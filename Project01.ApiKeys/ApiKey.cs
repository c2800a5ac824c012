namespace Project01.ApiKeys;

/// <summary>A client's key as stored: only its SHA-256 hash, never the key itself.</summary>
public sealed record ApiKey(long Id, string Client, string Prefix, IReadOnlyList<string> Scopes, int RequestsPerMinute, DateTime CreatedAt, DateTime? RevokedAt)
{
    public bool Allows(string scope) => RevokedAt is null && Scopes.Contains(scope);
}

/// <summary>A key just issued: the secret is shown once and cannot be recovered.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>A key whose secret was made elsewhere (the AppHost's service keys): the store learns only its hash and prefix.</summary>
public sealed record ProvisionedApiKey(string Client, byte[] Hash, string Prefix, IReadOnlyList<string> Scopes, int RequestsPerMinute);
