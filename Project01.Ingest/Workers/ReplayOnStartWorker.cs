using Microsoft.Extensions.Options;
using Project01.Core.Market;
using Project01.Ingest.Extensions;
using Project01.LakeTables.Queries;
using Project01.Ingestion.Replay;

namespace Project01.Ingest.Workers;

/// <summary>
/// Replays the configured bundled datasets at start-up, unless the lake already holds every valid bar of them: the
/// lake is the durable record, so a restart does not ingest the same file again.
/// </summary>
public sealed partial class ReplayOnStartWorker(IOptions<IngestOptions> options, BundledReplays replays, ReplayJobs jobs, ILogger<ReplayOnStartWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var dataset in options.Value.ReplayOnStart)
        {
            var (valid, landed) = await replays.CoverageAsync(dataset, stoppingToken);
            if (landed >= valid)
            {
                LogAlreadyLanded(logger, dataset, landed);
                continue;
            }
            LogReplaying(logger, dataset, landed, valid);
            // Start-up replays run one after another, so only an API-started replay of the same dataset can be in the way.
            var (job, refusal) = jobs.TryStart(dataset, options.Value.ReplaySpeed);
            if (job is null)
            {
                LogNotStarted(logger, dataset, refusal);
                continue;
            }
            await jobs.WaitAsync(job.Id);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Dataset {Dataset} not replayed at start-up: {Refusal}")]
    private static partial void LogNotStarted(ILogger logger, string dataset, ReplayRefusal refusal);

    [LoggerMessage(LogLevel.Information, "Dataset {Dataset} is already in the lake ({Records} records); not replaying")]
    private static partial void LogAlreadyLanded(ILogger logger, string dataset, long records);

    [LoggerMessage(LogLevel.Information, "Replaying dataset {Dataset}: the lake holds {Landed} of its {Valid} valid records")]
    private static partial void LogReplaying(ILogger logger, string dataset, long landed, long valid);
}
