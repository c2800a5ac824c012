using Project01.Serving.Risk;
using Microsoft.Extensions.Options;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.Inference.Models;
using Project01.ApiSecurity;
using Project01.Lake;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.Serving.Forecasting;

namespace Project01.Inference.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("p01db");
        builder.AddRedisClient("online-store");
        builder.AddApiSecurity();
        builder.AddDatabaseOutageRecovery(sp => sp.GetRequiredService<Npgsql.NpgsqlDataSource>().Clear());
        builder.Services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLakehouse();

        builder.Services.AddSingleton(sp => new ModelArtifacts(sp.GetRequiredService<IOptions<LakeOptions>>().Value.Root));
        builder.Services.AddSingleton<ModelRegistryStore>();
        builder.Services.AddSingleton<OfflineFeatureStore>();
        builder.Services.AddSingleton<OnlineFeatureStore>();
        builder.Services.AddSingleton(sp => new MarketClock(sp.GetRequiredService<OfflineFeatureStore>()));
        // Unknown targets or malformed model names fail here, at start-up.
        builder.Services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<InferenceOptions>>().Value;
            return new ServedModels(o.ModelsOrDefault, o.IntradayModelsOrDefault);
        });
        builder.Services.AddSingleton<ModelCatalog>();
        builder.Services.AddSingleton<InputAssembler>();
        builder.Services.AddSingleton<ServingMetrics>();
        builder.Services.AddSingleton<ForecastEngine>();
        builder.Services.AddOptions<RiskServingOptions>().BindConfiguration(RiskServingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<SymbolRisk>();
        builder.Services.AddHostedService<ModelWatcher>();
    }
}
