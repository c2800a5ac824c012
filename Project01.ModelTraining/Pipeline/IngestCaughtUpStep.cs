using System.Net.Http.Json;
using Project01.Contracts;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>
/// Ingest is caught up when every consumer group reading market ticks (the lake writer, the feature stream) has
/// committed everything in the topic: asked of the Ingest service's <c>/v1/kafka/lag</c>. Behind is a failure, so the
/// pipeline retries with back-off until it is not.
/// </summary>
public sealed class IngestCaughtUpStep(IHttpClientFactory clients) : IPipelineStep
{
    public const string StepName = "ingest";
    public const string ClientName = "ingest";
    public const string Topic = "ticks";

    public string Name => StepName;

    public async Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        var lag = await clients.CreateClient(ClientName).GetFromJsonAsync<ConsumerLagDto[]>("/v1/kafka/lag", ct)
            ?? throw new InvalidOperationException("ingest answered no lag report");
        var ticks = lag.Where(l => l.Topic == Topic).ToList();
        if (ticks.Count == 0) throw new InvalidOperationException($"no consumer group reports on '{Topic}' yet");
        var behind = ticks.Where(l => l.Lag > 0).ToList();
        if (behind.Count > 0)
            throw new InvalidOperationException($"behind on {Topic}: {string.Join(", ", behind.Select(l => $"{l.Group} by {l.Lag:N0}"))}");
        return $"{Topic} fully consumed by {string.Join(", ", ticks.Select(l => l.Group))} ({ticks.Max(l => l.EndOffset):N0} records)";
    }
}
