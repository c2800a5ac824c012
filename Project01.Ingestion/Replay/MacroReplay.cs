using System.Globalization;
using Project01.Core.Data;
using Project01.Core.Market;
using Project01.Ingestion.Sources;
using Project01.Ingestion.Sources.Publishing;
using Project01.Messaging.Records;

namespace Project01.Ingestion.Replay;

/// <summary>
/// Replays the bundled US quarterly macro file into <c>fundamentals</c>: one record per series and quarter. The file has
/// no release dates and holds the December-2009 vintage, so each value is stamped as published a fixed lag after its
/// quarter ends (default 90 days, by when BEA's third GDP estimate is out): a point-in-time join then never uses a
/// quarter's figure on the quarter's last day.
/// </summary>
public sealed class MacroReplay(SourcePublisher publisher)
{
    public const string File = BundledData.UsMacroQuarterly;
    public static readonly string SourceId = $"replay:{File}";
    public static readonly TimeSpan DefaultPublicationLag = TimeSpan.FromDays(90);

    /// <summary>Columns that are series (the rest are the date and its parts).</summary>
    public static readonly string[] Series = ["realgdp", "realcons", "realinv", "realgovt", "realdpi", "cpi", "m1", "tbilrate", "unemp", "pop", "infl", "realint"];

    private static readonly Dictionary<string, string> Units = new()
    {
        ["realgdp"] = "bn chained 2005 USD, SAAR", ["realcons"] = "bn chained 2005 USD, SAAR", ["realinv"] = "bn chained 2005 USD, SAAR",
        ["realgovt"] = "bn chained 2005 USD, SAAR", ["realdpi"] = "bn chained 2005 USD, SAAR", ["cpi"] = "index 1982-84=100",
        ["m1"] = "bn USD", ["tbilrate"] = "percent", ["unemp"] = "percent", ["pop"] = "millions", ["infl"] = "percent", ["realint"] = "percent",
    };

    /// <summary>The records the file yields, with the reasons for any row that cannot become records.</summary>
    public static SourcePage<FundamentalRecord> Read(TimeSpan publicationLag, DateTime ingestTime)
    {
        using var reader = BundledData.OpenText(File);
        var header = (reader.ReadLine() ?? "").Split(',');
        var date = Array.IndexOf(header, "date");
        var columns = Series.Select(s => (Name: s, Index: Array.IndexOf(header, s))).ToArray();
        var records = new List<FundamentalRecord>();
        var rejections = new List<SourceRejection>();
        var line = 1;
        string? text;
        while ((text = reader.ReadLine()) is not null)
        {
            line++;
            var fields = text.Split(',');
            if (fields.Length != header.Length || !DateOnly.TryParseExact(fields[date], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var quarterEnd))
            {
                rejections.Add(new SourceRejection($"{SourceId}:{line}", fields.Length != header.Length ? "line" : "date", "not a quarter row", text));
                continue;
            }
            var published = quarterEnd.AddDays((int)publicationLag.TotalDays);
            foreach (var (name, index) in columns)
            {
                if (!MarketCsvReader.TryParseNumber(fields[index], out var value))
                {
                    rejections.Add(new SourceRejection($"{SourceId}:{line}", name, $"'{fields[index]}' is not a number", text));
                    continue;
                }
                records.Add(new FundamentalRecord
                {
                    SeriesId = $"US.{name.ToUpperInvariant()}", ObservationDate = quarterEnd, Frequency = "quarterly", Value = value, Units = Units[name],
                    PublishedDate = published, EventTime = published.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), IngestTime = ingestTime, Source = SourceId,
                });
            }
        }
        return new SourcePage<FundamentalRecord>(records, rejections);
    }

    public async Task<ReplayResult> RunAsync(TimeSpan? publicationLag = null, CancellationToken ct = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var page = Read(publicationLag ?? DefaultPublicationLag, DateTime.UtcNow);
        publisher.Publish(page, RecordRoutes.Fundamentals);
        await publisher.FlushAsync(ct);
        return new ReplayResult(SourceId, page.Records.Count + page.Rejections.Count, page.Records.Count, page.Rejections.Count,
            page.Records.Min(r => (DateTime?)r.EventTime), page.Records.Max(r => (DateTime?)r.EventTime), clock.Elapsed);
    }
}
