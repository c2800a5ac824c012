using Project01.AppHost.Security;

namespace Project01.AppHost.Infrastructure;

/// <summary>
/// What services consume: a connection string per dependency, and the resource whose health gates it. In container
/// mode these are the same resource; in executable mode the connection string is a fixed expression and the gate is
/// the process.
/// </summary>
public sealed record InfraResources(
    InfraMode Mode,
    string DataDir,
    PlatformCredentials Credentials,
    IResourceBuilder<IResourceWithConnectionString> Postgres,
    IResourceBuilder<IResource> PostgresGate,
    IResourceBuilder<IResourceWithConnectionString> Redis,
    IResourceBuilder<IResource> RedisGate,
    IResourceBuilder<IResourceWithConnectionString> Kafka,
    IResourceBuilder<IResource> KafkaGate)
{
    public string LakeDir => Path.Combine(DataDir, "lake");
}

public static class InfraReferenceExtensions
{
    public static IResourceBuilder<T> WithPostgres<T>(this IResourceBuilder<T> resource, InfraResources infra)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        resource.WithReference(infra.Postgres).WaitFor(infra.PostgresGate);

    public static IResourceBuilder<T> WithRedis<T>(this IResourceBuilder<T> resource, InfraResources infra)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        resource.WithReference(infra.Redis).WaitFor(infra.RedisGate);

    public static IResourceBuilder<T> WithKafka<T>(this IResourceBuilder<T> resource, InfraResources infra)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        resource.WithReference(infra.Kafka).WaitFor(infra.KafkaGate);

    /// <summary>The lake root shared by the services that meet through it.</summary>
    public static IResourceBuilder<T> WithLake<T>(this IResourceBuilder<T> resource, InfraResources infra)
        where T : IResourceWithEnvironment =>
        resource.WithEnvironment("Lake__Root", infra.LakeDir);
}
