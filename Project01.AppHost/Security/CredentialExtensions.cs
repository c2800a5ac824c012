using System.Globalization;

namespace Project01.AppHost.Security;

public static class CredentialExtensions
{
    /// <summary>
    /// The service keys by hash and prefix (never the secret): each service provisions them into the key store at start.
    /// Published, the dashboard's key is given by parameters instead (<c>dashboard-api-key-hash</c>,
    /// <c>dashboard-api-key-prefix</c>), so nothing derived from this machine's <c>credentials/</c> reaches the manifest;
    /// the AppHost's own key is left out there, as no AppHost runs beside a deployment to use it.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithServiceKeys(this IResourceBuilder<ProjectResource> service, PlatformCredentials credentials)
    {
        if (service.ApplicationBuilder.ExecutionContext.IsPublishMode)
        {
            var builder = service.ApplicationBuilder;
            var key = credentials.Dashboard;
            const string prefix = "ApiSecurity__ServiceKeys__0__";
            service.WithEnvironment(prefix + "Client", key.Client)
                .WithEnvironment(prefix + "Hash", Parameter(builder, "dashboard-api-key-hash", secret: false))
                .WithEnvironment(prefix + "Prefix", Parameter(builder, "dashboard-api-key-prefix", secret: false))
                .WithEnvironment(prefix + "RequestsPerMinute", key.RequestsPerMinute.ToString(CultureInfo.InvariantCulture));
            for (var s = 0; s < key.Scopes.Count; s++) service.WithEnvironment($"{prefix}Scopes__{s}", key.Scopes[s]);
            return service;
        }
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

    /// <summary>The dashboard's own key and its operator account, as secret parameters (published: without values).</summary>
    public static IResourceBuilder<ProjectResource> WithDashboardCredentials(this IResourceBuilder<ProjectResource> dashboard,
        IDistributedApplicationBuilder builder, PlatformCredentials credentials)
    {
        var publishing = builder.ExecutionContext.IsPublishMode;
        var key = publishing ? Parameter(builder, "dashboard-api-key", secret: true) : builder.AddParameter("dashboard-api-key", credentials.Dashboard.Secret, secret: true);
        var password = publishing ? Parameter(builder, "dashboard-operator-password", secret: true) : builder.AddParameter("dashboard-operator-password", credentials.OperatorPassword, secret: true);
        return dashboard.WithEnvironment("Dashboard__ApiKey", key)
            .WithEnvironment("Dashboard__Accounts__Users__0__Name", PlatformCredentials.OperatorName)
            .WithEnvironment("Dashboard__Accounts__Users__0__Password", password)
            .WithEnvironment("Dashboard__Accounts__Users__0__Role", "operator");
    }

    /// <summary>Sends the AppHost's key with a command's request.</summary>
    public static void Authenticate(this HttpCommandRequestContext context, PlatformCredentials credentials) =>
        context.Request.Headers.Add("X-Api-Key", credentials.AppHost.Secret);

    /// <summary>A parameter without a value here (the deployment supplies it), added once and shared by every service.</summary>
    private static IResourceBuilder<ParameterResource> Parameter(IDistributedApplicationBuilder builder, string name, bool secret) =>
        builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(name, secret: secret);
}
