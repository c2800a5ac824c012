using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Project01.Pipelines.Definitions;
using Project01.Pipelines.Extensions;
using Project01.Pipelines.Runs;
using Quartz;

namespace Project01.Pipelines.Execution;

/// <summary>
/// Starts runs from a process that does not execute them (the CLI): the run is recorded and its first steps are stored
/// as Quartz triggers through a scheduler that is never started, and the services' clustered schedulers fire them.
/// </summary>
public sealed class PipelineClient : IAsyncDisposable
{
    private readonly NpgsqlDataSource _db;
    private readonly IScheduler _scheduler;

    private PipelineClient(NpgsqlDataSource db, IScheduler scheduler, PipelineCatalog catalog)
    {
        _db = db;
        _scheduler = scheduler;
        Store = new PipelineRunStore(db);
        Launcher = new PipelineLauncher(catalog, Store, _ => ValueTask.FromResult(scheduler), NullLogger.Instance);
    }

    public PipelineRunStore Store { get; }
    public PipelineLauncher Launcher { get; }

    public static async Task<PipelineClient> ConnectAsync(string connectionString, IEnumerable<PipelineDefinition> pipelines, CancellationToken ct)
    {
        var builder = QuartzSchedulerBuilder.Create(q => PipelineExtensions.ConfigureQuartz(q, connectionString, new PipelineOptions()));
        var scheduler = await builder.BuildScheduler(ct);
        var db = NpgsqlDataSource.Create(connectionString);
        var client = new PipelineClient(db, scheduler, new PipelineCatalog(pipelines, []));
        await client.Store.EnsureSchemaAsync(ct);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _scheduler.Shutdown(false);
        await _db.DisposeAsync();
    }
}
