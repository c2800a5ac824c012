using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Project01.ApiKeys;

namespace Project01.ApiSecurity;

/// <summary>
/// At start-up: creates the key table (the CLI may issue keys before any service ran, and does the same) and makes each
/// configured service key its client's live key, so the dashboard's key works against every service from the start.
/// </summary>
internal sealed class ApiKeyProvisioning(ApiKeyStore store, IOptions<ApiSecurityOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureSchemaAsync(cancellationToken);
        foreach (var k in options.Value.ServiceKeys)
        {
            byte[] hash;
            try { hash = Convert.FromHexString(k.Hash); }
            catch (FormatException e) { throw new OptionsValidationException(ApiSecurityOptions.Section, typeof(ServiceKeyOptions), [$"the service key of '{k.Client}' has a hash that is not hex: {e.Message}"]); }
            await store.ProvisionAsync(new ProvisionedApiKey(k.Client, hash, k.Prefix, k.Scopes, k.RequestsPerMinute), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
