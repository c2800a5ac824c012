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
        builder.AddQuartz(q => ConfigureQuartz(q, connectionString, options));
        if (options.Enabled)
        {
            builder.Services.AddHostedService<PipelineSchedules>();
            builder.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        }
        return builder;
    }

    /// <summary>Quartz as every process of the platform sees it: one clustered scheduler name on the shared database, so
    /// a trigger stored by any of them (the CLI's too) is fired by whichever node is free.</summary>
    public static void ConfigureQuartz(IQuartzBuilder q, string connectionString, PipelineOptions options)
    {
        q.ConfigureScheduler(s =>
        {
            s.InstanceName = "project01-pipelines";
            s.GenerateInstanceId = true;
            s.IdleWaitTime = TimeSpan.FromSeconds(options.IdleWaitSeconds);
            // A stopping service cancels its running steps (they stay "running" and another node, or this one after
            // its restart, takes them over when the lease runs out) instead of leaving them to run on unobserved.
            s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
        });
        q.UseDefaultThreadPool(4);
        q.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseSystemTextJsonSerializer();
            store.UseClustering();
            store.ProvisionSchema();
        });
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
