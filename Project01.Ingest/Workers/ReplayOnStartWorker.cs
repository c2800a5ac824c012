using Microsoft.Extensions.Options;
using Project01.Core.Market;
using Project01.Ingest.Extensions;
using Project01.Ingestion.Queries;
using Project01.Ingestion.Replay;

namespace Project01.Ingest.Workers;

/// <summary>
/// Replays the configured bundled datasets at start-up, unless the lake already holds every valid bar of them: the
/// lake is the durable record, so a restart does not ingest the same file again.
/// </summary>
public sealed partial class ReplayOnStartWorker(IOptions<IngestOptions> options, BarQueries bars, ReplayJobs jobs, ILogger<ReplayOnStartWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var dataset in options.Value.ReplayOnStart)
        {
            var input = ReplayInput.Bundled(dataset);
            long valid;
            using (var text = input.Open())
                valid = new MarketCsvReader(input.DisplayName, input.DefaultSymbol).ReadAll(text).LongCount(r => r.IsValid);
            var landed = await bars.CountFromSourceAsync(input.SourceId, stoppingToken);
            if (landed >= valid)
            {
                LogAlreadyLanded(logger, dataset, landed);
                continue;
            }
            LogReplaying(logger, dataset, landed, valid);
            var job = jobs.Start(input, options.Value.ReplaySpeed);
            await jobs.WaitAsync(job.Id);
        }
    }

    [LoggerMessage(LogLevel.Information, "Dataset {Dataset} is already in the lake ({Bars} bars); not replaying")]
    private static partial void LogAlreadyLanded(ILogger logger, string dataset, long bars);

    [LoggerMessage(LogLevel.Information, "Replaying dataset {Dataset}: the lake holds {Landed} of its {Valid} valid bars")]
    private static partial void LogReplaying(ILogger logger, string dataset, long landed, long valid);
}
