using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Project01.Lake.Storage;

namespace Project01.Lake;

public static class LakeServiceCollectionExtensions
{
    /// <summary>The lake from the <c>Lake</c> configuration section (local directory, or an S3 bucket), validated at start-up.</summary>
    public static IServiceCollection AddLakehouse(this IServiceCollection services)
    {
        services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ILakeStorage>(sp => sp.GetRequiredService<IOptions<LakeOptions>>().Value is { Storage: "s3" } o
            ? new S3LakeStorage(o.S3)
            : new LocalLakeStorage(sp.GetRequiredService<IOptions<LakeOptions>>().Value.Root));
        services.AddSingleton<Lakehouse>();
        return services;
    }
}
