using System.Globalization;
using System.Text.Json;
using Project01.Core.Data;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Publishing;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Replay;

/// <summary>
/// Replays the bundled Reuters 1987 articles into <c>news</c>. Their timestamps carry no zone; they are taken as UTC.
/// Symbols are left empty: linking text to symbols is the NLP stage's job. A line that is not a valid article is
/// dead-lettered with its line number and the rest go on.
/// </summary>
public sealed class NewsReplay(SourcePublisher publisher)
{
    public const string File = BundledData.Reuters1987News;
    public static readonly string SourceId = $"replay:{File}";

    public static SourcePage<NewsRecord> Read(DateTime ingestTime)
    {
        using var reader = BundledData.OpenText(File);
        var records = new List<NewsRecord>();
        var rejections = new List<SourceRejection>();
        var line = 0;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            if (text.Length == 0) continue;
            try
            {
                using var json = JsonDocument.Parse(text);
                var root = json.RootElement;
                var id = root.GetProperty("id").GetString();
                var heading = root.GetProperty("heading").GetString();
                if (!DateTime.TryParseExact(root.GetProperty("datetime").GetString(), "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var published))
                {
                    rejections.Add(new SourceRejection($"{SourceId}:{line}", "datetime", "not yyyy-MM-ddTHH:mm:ss", text));
                    continue;
                }
                records.Add(new NewsRecord
                {
                    Id = $"reuters-{id}", Source = SourceId, Publisher = "Reuters", EventTime = published, IngestTime = ingestTime,
                    Headline = string.IsNullOrWhiteSpace(heading) ? "(no headline)" : heading.Trim(), Body = root.GetProperty("text").GetString(),
                    Language = "en",
                });
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                rejections.Add(new SourceRejection($"{SourceId}:{line}", "line", $"not a news article: {e.Message}", text));
            }
        }
        return new SourcePage<NewsRecord>(records, rejections);
    }

    public async Task<ReplayResult> RunAsync(CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var page = Read(DateTime.UtcNow);
        publisher.Publish(page, RecordRoutes.News);
        await publisher.FlushAsync(ct);
        return new ReplayResult(SourceId, page.Records.Count + page.Rejections.Count, page.Records.Count, page.Rejections.Count,
            page.Records.Min(r => (DateTime?)r.EventTime), page.Records.Max(r => (DateTime?)r.EventTime), clock.Elapsed);
    }
}
