using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Project01.Pipelines.Definitions;
using Project01.Pipelines.Execution;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Pipelines.Extensions;

public static class PipelineExtensions
{
    /// <summary>
    /// Pipelines on Quartz.NET with its PostgreSQL job store (tables created when missing), clustered, so a run
    /// survives restarts and each firing happens once across replicas. The run history lives next to it
    /// (<see cref="PipelineRunStore"/>); <paramref name="connectionString"/> is the database both use. Register the
    /// definitions and step implementations with <see cref="AddPipeline"/> and <see cref="AddPipelineStep{T}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddPipelines(this IHostApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddOptions<PipelineOptions>().BindConfiguration(PipelineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(PipelineOptions.Section).Get<PipelineOptions>() ?? new PipelineOptions();
        builder.Services.AddSingleton<PipelineCatalog>();
        builder.Services.AddSingleton<PipelineLauncher>();
        builder.Services.AddSingleton<PipelineMetrics>();
        builder.Services.AddSingleton(sp => new PipelineRunStore(Npgsql.NpgsqlDataSource.Create(connectionString)));
        builder.Services.AddTransient<PipelineStepJob>();
        builder.Services.AddTransient<PipelineStartJob>();
        builder.Services.AddTransient<PipelineWatchJob>();
        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "project01-pipelines";
                s.GenerateInstanceId = true;
                s.IdleWaitTime = TimeSpan.FromSeconds(options.IdleWaitSeconds);
            });
            q.UseDefaultThreadPool(4);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering();
                store.ProvisionSchema();
            });
        });
        if (options.Enabled)
        {
            builder.Services.AddHostedService<PipelineSchedules>();
            builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        }
        return builder;
    }

    public static IHostApplicationBuilder AddPipeline(this IHostApplicationBuilder builder, PipelineDefinition pipeline)
    {
        builder.Services.AddSingleton(pipeline);
        return builder;
    }

    public static IHostApplicationBuilder AddPipelineStep<T>(this IHostApplicationBuilder builder) where T : class, IPipelineStep
    {
        builder.Services.AddSingleton<IPipelineStep, T>();
        return builder;
    }
}
