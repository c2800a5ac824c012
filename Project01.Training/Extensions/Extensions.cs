using Microsoft.Extensions.DependencyInjection.Extensions;
using Project01.ApiSecurity;
using Microsoft.Extensions.Options;
using Project01.FeatureStore.Offline;
using Project01.Lake;
using Project01.ModelRegistry.Artifacts;
using Project01.Backtesting.Runs;
using Project01.ModelTraining.Decay;
using Project01.ModelTraining.Jobs;
using Project01.Monitoring.Drift;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining;
using Project01.ModelTraining.Pipeline;
using Project01.ModelTraining.Research;
using Project01.ModelRegistry.Tuning;
using Project01.Pipelines.Extensions;
using Project01.Training.Deep;
using Project01.Training.Workers;

namespace Project01.Training.Extensions;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource("p01db");
        builder.AddApiSecurity();
        builder.AddDatabaseOutageRecovery(sp => sp.GetRequiredService<Npgsql.NpgsqlDataSource>().Clear());
        builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddLakehouse();

        builder.Services.AddSingleton(sp => new ModelArtifacts(sp.GetRequiredService<IOptions<LakeOptions>>().Value.Root));
        builder.Services.AddSingleton<OfflineFeatureStore>();
        builder.Services.AddSingleton<ModelRegistryStore>();
        builder.Services.AddSingleton<TrainingJobQueue>();
        builder.Services.AddSingleton<ForecastTrainingJob>();
        builder.Services.AddSingleton<BacktestStore>();
        builder.Services.AddSingleton<RegisteredModelBacktest>();

        // Research jobs (hyper-parameter searches, portfolio comparisons): queued through the API, run by their own worker.
        builder.Services.AddSingleton<ResearchJobQueue>();
        builder.Services.AddSingleton<TuningStudyStore>();
        builder.Services.AddSingleton<TuningJobs>();
        builder.Services.AddSingleton<PortfolioJobs>();
        builder.Services.AddHostedService<ResearchWorker>();

        builder.Services.AddOptions<MonitoringOptions>().BindConfiguration(MonitoringOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<DriftReportStore>();
        builder.Services.AddSingleton<DriftMetrics>();
        builder.Services.AddSingleton<DriftMonitor>();
        builder.Services.AddSingleton<PerformanceDecay>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DecayChecks>();
        builder.Services.AddSingleton<DriftRetraining>();
        builder.Services.AddHostedService<DriftMonitorWorker>();

        // The retraining pipeline (Quartz, clustered on the same database): ingest → features → drift → retrain → evaluate → promote.
        builder.Services.AddSingleton(sp => new RetrainingModels(sp.GetRequiredService<IOptions<TrainingOptions>>().Value.ModelsOrDefault));
        builder.Services.AddHttpClient(IngestCaughtUpStep.ClientName, client => client.BaseAddress = new Uri("http://ingest"));
        builder.AddPipelines(builder.Configuration.GetConnectionString("p01db") ?? throw new InvalidOperationException("ConnectionStrings:p01db is not set"))
            .AddPipeline(RetrainingPipeline.Definition())
            .AddPipelineStep<IngestCaughtUpStep>()
            .AddPipelineStep<FeaturesSettledStep>()
            .AddPipelineStep<DriftCheckStep>()
            .AddPipelineStep<RetrainStep>()
            .AddPipelineStep<EvaluateStep>()
            .AddPipelineStep<PromotionStep>();

        builder.Services.AddWorkerHealth();
        // Before the workers: the deep forecasters must be in the catalogue when the scheduler reads model names.
        builder.AddDeepForecasters();
        builder.Services.AddHostedService<TrainingWorker>();
        builder.Services.AddHostedService<TrainingScheduler>();
    }
}
