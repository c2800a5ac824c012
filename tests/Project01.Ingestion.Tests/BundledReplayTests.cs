using Project01.Ingestion.Replay;

namespace Project01.Ingestion.Tests;

public sealed class BundledReplayTests
{
    [Fact]
    public void MacroValuesBecomePublicOnlyAfterTheirPublicationLag()
    {
        var page = MacroReplay.Read(TimeSpan.FromDays(90), DateTime.UtcNow);

        Assert.Empty(page.Rejections);
        Assert.Equal(203 * 12, page.Records.Count);
        var gdp = page.Records.Where(r => r.SeriesId == "US.REALGDP").OrderBy(r => r.ObservationDate).ToList();
        Assert.Equal(203, gdp.Count);
        Assert.Equal((new DateOnly(1959, 3, 31), 2710.349), (gdp[0].ObservationDate, gdp[0].Value));
        Assert.Equal(new DateOnly(1959, 6, 29), gdp[0].PublishedDate);
        Assert.All(page.Records, r => Assert.True(r.PublishedDate > r.ObservationDate));
        Assert.All(page.Records, r => Assert.Null(r.Validate()));
    }

    [Fact]
    public void ReutersArticlesBecomeNewsRecords()
    {
        var page = NewsReplay.Read(DateTime.UtcNow);

        Assert.Empty(page.Rejections);
        Assert.Equal(70, page.Records.Count);
        Assert.Equal(70, page.Records.Select(r => r.Id).Distinct().Count());
        var first = page.Records.Single(r => r.Id == "reuters-127");
        Assert.Equal("DIAMOND SHAMROCK (DIA) CUTS CRUDE PRICES", first.Headline);
        Assert.Equal(new DateTime(1987, 2, 26, 17, 0, 56, DateTimeKind.Utc), first.EventTime);
        Assert.StartsWith("Diamond Shamrock Corp said that", first.Body);
        Assert.All(page.Records, r => Assert.Null(r.Validate()));
    }

    [Fact]
    public void EveryBundledDatasetHasAName()
    {
        Assert.Equal(["sp500", "dow30", "macro", "reuters"], BundledReplays.Names);
        Assert.Equal("replay:us-macro-quarterly-1959-2009.csv", BundledReplays.SourceId("macro"));
        Assert.False(BundledReplays.Exists("nasdaq"));
    }
}
