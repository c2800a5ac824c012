using System.Diagnostics.Metrics;
using Confluent.Kafka;
using Microsoft.Extensions.Options;
using Project01.Ingest.Extensions;
using Project01.Messaging.Kafka;

namespace Project01.Ingest.Workers;

/// <summary>
/// Consumer lag as a metric (<c>p01_ingest_consumer_lag</c>, by group and topic): sampled from the broker every
/// <see cref="Period"/> in the background, because a gauge's callback must answer at once and a lag read is a round
/// trip per partition.
/// </summary>
public sealed partial class ConsumerLagSampler : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(15);

    private readonly Meter _meter = new("Project01.Ingest");
    private readonly IConfiguration _configuration;
    private readonly IOptions<IngestOptions> _options;
    private readonly ILogger<ConsumerLagSampler> _logger;
    private volatile IReadOnlyList<Measurement<long>> _latest = [];

    public ConsumerLagSampler(IConfiguration configuration, IOptions<IngestOptions> options, ILogger<ConsumerLagSampler> logger)
    {
        (_configuration, _options, _logger) = (configuration, options, logger);
        _meter.CreateObservableGauge("p01.ingest.consumer.lag", () => _latest, "{record}", "Records in Kafka not yet committed by a consumer group, per topic");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bootstrap = _configuration.GetKafkaBootstrapServers("kafka");
        using var timer = new PeriodicTimer(Period);
        do
        {
            try
            {
                var lags = await Task.Run(() => _options.Value.LagGroupsOrDefault
                    .SelectMany(g => ConsumerLag.Read(bootstrap, g.Key, g.Value, TimeSpan.FromSeconds(5))).ToArray(), stoppingToken);
                _latest = [.. lags.Select(l => new Measurement<long>(l.Lag, new("group", l.Group), new("topic", l.Topic)))];
            }
            catch (KafkaException e)
            {
                LogFailed(_logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override void Dispose()
    {
        _meter.Dispose();
        base.Dispose();
    }

    [LoggerMessage(LogLevel.Debug, "Consumer lag sample failed; trying again next period")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
