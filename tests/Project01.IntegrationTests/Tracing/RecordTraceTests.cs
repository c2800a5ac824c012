using System.Diagnostics;
using Project01.Core.Data;
using Project01.Ingestion.Import;
using Project01.Messaging.Kafka;
using Project01.Tests;

namespace Project01.IntegrationTests.Tracing;

/// <summary>
/// One trace follows records across processes: published to <c>ticks</c> under a trace (as <c>p01 import</c> does), the
/// lake writer's batch in Ingest and the feature stream's batch in Features link to it, and the feature batch's writes
/// to the offline and online stores are its children, all as the two services exported them over OTLP.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class RecordTraceTests(AppHostFixture fixture)
{
    private const string Symbol = "TRACE1";
    // The span names the services use (TopicLakeWriter.LakeWriteSpan, FeatureStreamWorker.FeatureWriteSpan).
    private const string LakeWriteSpan = "lake write", FeatureWriteSpan = "features write";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ARecordsTraceRunsThroughTheLakeWriterAndTheFeatureStreamIntoBothStores()
    {
        await fixture.WaitForSpxFeaturesAsync(_ct);
        // The publisher's span, recorded here: its context rides in the records' headers.
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KafkaTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using var root = new Activity("trace test").SetIdFormat(ActivityIdFormat.W3C).Start();
        var trace = root.TraceId.ToHexString();
        fixture.Traces.Watch(trace);

        var dir = TestPaths.NewTempDirectory("trace-import");
        // Real S&P 500 bars under a test name: new to the platform, so every one becomes a feature row.
        await AppHostFixture.WriteDailyBarsAsync(Path.Combine(dir, $"{Symbol}.csv"), BundledData.Sp500Bars().Take(120), _ct);
        await fixture.ImportAsync(dir, new ImportOptions(), _ct);
        root.Stop();

        var (lake, features, offline, online) = await fixture.WithinAsync($"trace {trace} through Ingest and Features", TimeSpan.FromMinutes(2), c =>
        {
            var spans = fixture.Traces.Spans;
            var lakeWrite = spans.FirstOrDefault(s => s.Service == "ingest" && s.Name == LakeWriteSpan && s.LinkedTraceIds.Contains(trace));
            var featureWrite = spans.FirstOrDefault(s => s.Service == "features" && s.Name == FeatureWriteSpan && s.LinkedTraceIds.Contains(trace)
                && spans.Any(child => child.ParentSpanId == s.SpanId && child.Name == "online store write"));
            var children = featureWrite is null ? [] : spans.Where(s => s.ParentSpanId == featureWrite.SpanId).ToList();
            var state = $"lake write {(lakeWrite is null ? "missing" : "found")}, features write {(featureWrite is null ? "missing" : "found")}; "
                + $"{spans.Count} spans kept: {string.Join(", ", spans.Select(s => $"{s.Service}/{s.Name}").Distinct().Take(12))}";
            return Task.FromResult((lakeWrite is not null && featureWrite is not null, (lakeWrite, featureWrite,
                children.FirstOrDefault(s => s.Name == "offline store append"), children.FirstOrDefault(s => s.Name == "online store write")), state));
        }, _ct);

        Assert.Equal(KafkaTracing.SourceName, lake!.Scope);
        Assert.Equal(KafkaTracing.SourceName, features!.Scope);
        Assert.NotNull(offline);
        Assert.NotNull(online);
        Assert.Equal(features.TraceId, online.TraceId);
        Assert.Equal(("features", "features"), (offline.Service, online.Service));
    }
}
