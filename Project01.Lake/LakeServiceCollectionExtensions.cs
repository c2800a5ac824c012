using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Project01.Lake.Storage;

namespace Project01.Lake;

public static class LakeServiceCollectionExtensions
{
    /// <summary>The lake from the <c>Lake</c> configuration section (root directory), validated at start-up.</summary>
    public static IServiceCollection AddLakehouse(this IServiceCollection services)
    {
        services.AddOptions<LakeOptions>().BindConfiguration(LakeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ILakeStorage>(sp => new LocalLakeStorage(sp.GetRequiredService<IOptions<LakeOptions>>().Value.Root));
        services.AddSingleton<Lakehouse>();
        return services;
    }
}
