namespace Project01.ApiKeys;

/// <summary>Finds the key a secret belongs to (revoked ones included, so the caller can say so), or null.</summary>
public interface IApiKeyFinder
{
    Task<ApiKey?> FindAsync(string secret, CancellationToken ct);
}
