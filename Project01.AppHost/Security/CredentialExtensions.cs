using System.Globalization;

namespace Project01.AppHost.Security;

public static class CredentialExtensions
{
    /// <summary>The service keys by hash and prefix (never the secret): each service provisions them into the key store at start.</summary>
    public static IResourceBuilder<ProjectResource> WithServiceKeys(this IResourceBuilder<ProjectResource> service, PlatformCredentials credentials)
    {
        for (var i = 0; i < credentials.ServiceKeys.Count; i++)
        {
            var key = credentials.ServiceKeys[i];
            var prefix = $"ApiSecurity__ServiceKeys__{i}__";
            service.WithEnvironment(prefix + "Client", key.Client)
                .WithEnvironment(prefix + "Hash", key.Hash)
                .WithEnvironment(prefix + "Prefix", key.Prefix)
                .WithEnvironment(prefix + "RequestsPerMinute", key.RequestsPerMinute.ToString(CultureInfo.InvariantCulture));
            for (var s = 0; s < key.Scopes.Count; s++) service.WithEnvironment($"{prefix}Scopes__{s}", key.Scopes[s]);
        }
        return service;
    }

    /// <summary>The dashboard's own key and its operator account, as secret parameters.</summary>
    public static IResourceBuilder<ProjectResource> WithDashboardCredentials(this IResourceBuilder<ProjectResource> dashboard,
        IDistributedApplicationBuilder builder, PlatformCredentials credentials)
    {
        var key = builder.AddParameter("dashboard-api-key", credentials.Dashboard.Secret, secret: true);
        var password = builder.AddParameter("dashboard-operator-password", credentials.OperatorPassword, secret: true);
        return dashboard.WithEnvironment("Dashboard__ApiKey", key)
            .WithEnvironment("Dashboard__Accounts__Users__0__Name", PlatformCredentials.OperatorName)
            .WithEnvironment("Dashboard__Accounts__Users__0__Password", password)
            .WithEnvironment("Dashboard__Accounts__Users__0__Role", "operator");
    }

    /// <summary>Sends the AppHost's key with a command's request.</summary>
    public static void Authenticate(this HttpCommandRequestContext context, PlatformCredentials credentials) =>
        context.Request.Headers.Add("X-Api-Key", credentials.AppHost.Secret);
}
