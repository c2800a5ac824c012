using Project01.AppHost.Security;
using Microsoft.Extensions.Configuration;

namespace Project01.AppHost.Infrastructure;

public static class InfrastructureExtensions
{
    /// <summary>Adds Postgres, Redis and Kafka as containers or local executables (see <see cref="InfraModeSelector"/>); always containers when publishing.</summary>
    public static InfraResources AddPlatformInfrastructure(this IDistributedApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Infra").Get<InfraOptions>() ?? new InfraOptions();
        var repoRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(options.DataDir) ? Path.Combine(repoRoot, ".data") : options.DataDir, repoRoot);
        Directory.CreateDirectory(dataDir);

        // Publishing describes a deployment, not this machine: a cloud runs images, never this machine's postgres or
        // redis-server binaries, so the manifest always gets the official containers, whatever Infra:Mode says and
        // whether a container runtime answers here (Infra:Mode only chooses how a local run gets its infrastructure).
        var (mode, reason) = builder.ExecutionContext.IsPublishMode
            ? (InfraMode.Containers, "publishing: a deployment runs the official images, whatever this machine has (Infra:Mode applies to local runs)")
            : InfraModeSelector.Select(options.Mode);
        Console.Error.WriteLine($"[project01] infrastructure: {mode.ToString().ToLowerInvariant()} — {reason}; data in {dataDir}");
        var credentials = PlatformCredentials.LoadOrCreate(dataDir);
        return mode == InfraMode.Containers
            ? ContainerInfrastructure.Add(builder, options, dataDir, credentials)
            : ExecutableInfrastructure.Add(builder, options, repoRoot, dataDir, credentials);
    }
}
