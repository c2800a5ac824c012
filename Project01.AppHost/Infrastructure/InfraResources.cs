using Project01.AppHost.Security;

namespace Project01.AppHost.Infrastructure;

/// <summary>
/// What services consume: a connection string per dependency, and the resource whose health gates it. In container
/// mode these are the same resource; in executable mode the connection string is a fixed expression and the gate is
/// the process. <see cref="Deployment"/> is set only when publishing: the storage a deployment supplies.
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
    IResourceBuilder<IResource> KafkaGate,
    DeploymentStorage? Deployment = null)
{
    public string LakeDir => Path.Combine(DataDir, "lake");

    /// <summary>A path under the data directory: this machine's folder in a run; under the <c>data-root</c> parameter when published.</summary>
    public ReferenceExpression DataPath(string relative) => Deployment is { } d
        ? ReferenceExpression.Create($"{d.DataRoot}/{relative}")
        : ReferenceExpression.Create($"{Path.Combine(DataDir, relative)}");
}

/// <summary>
/// Storage a published deployment needs instead of this machine's data directory, as parameters of the manifest:
/// the lake in an S3 bucket (<c>Lake:Storage=s3</c>; credentials from the AWS SDK's default chain), and <c>data-root</c>,
/// a volume mounted into every service at the same path (model artifacts under <c>lake/</c>, which training writes and
/// inference reads; ingest's source cursors).
/// </summary>
public sealed record DeploymentStorage(
    IResourceBuilder<ParameterResource> DataRoot,
    IResourceBuilder<ParameterResource> LakeBucket,
    IResourceBuilder<ParameterResource> LakeRegion)
{
    public static DeploymentStorage Add(IDistributedApplicationBuilder builder) => new(
        builder.AddParameter("data-root", "/mnt/project01", publishValueAsDefault: true),
        builder.AddParameter("lake-bucket"),
        builder.AddParameter("lake-region", "us-east-1", publishValueAsDefault: true));
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

    /// <summary>The lake shared by the services that meet through it: a local folder, or (published) an S3 bucket.</summary>
    public static IResourceBuilder<T> WithLake<T>(this IResourceBuilder<T> resource, InfraResources infra)
        where T : IResourceWithEnvironment
    {
        if (infra.Deployment is not { } deployment) return resource.WithEnvironment("Lake__Root", infra.LakeDir);
        return resource.WithEnvironment("Lake__Storage", "s3")
            .WithEnvironment("Lake__S3__Bucket", deployment.LakeBucket)
            .WithEnvironment("Lake__S3__Region", deployment.LakeRegion)
            .WithEnvironment("Lake__Root", infra.DataPath("lake"));
    }
}
