using Project01.Ingestion.Sources.Fred;
using Project01.Ingestion.Tests.Sources.Infrastructure;

namespace Project01.Ingestion.Tests.Sources;

public sealed class FredClientTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2024, 6, 28, 12, 0, 0, TimeSpan.Zero);

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Sources:Fred:ApiKey"] = "fred-key-abc",
            ["Sources:Fred:BaseUrl"] = "http://fred.test/",
            ["Sources:Fred:Series:0"] = "GDP",
            ["Sources:Fred:PageLimit"] = "3",
        };
        foreach (var (k, v) in extra) settings[k] = v;
        return settings;
    }

    [Fact]
    public async Task EveryVintageIsARecordStampedWithItsPublicationDate()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.ThenFixture("fred/gdp-series.json").ThenFixture("fred/gdp-observations-page1.json").ThenFixture("fred/gdp-observations-page2.json");

        var pages = await host.DrainAsync(host.Get<FredClient>().ReadAllAsync(_ct), _ct);

        var records = pages.SelectMany(p => p.Records).ToList();
        Assert.Equal(
            [("2023-10-01", "2024-01-25", 27938.831), ("2023-10-01", "2024-02-28", 27956.998), ("2023-10-01", "2024-03-28", 27957.007),
             ("2024-01-01", "2024-04-25", 28284.498), ("2024-01-01", "2024-05-30", 28255.319)],
            records.Select(r => (r.ObservationDate.ToString("yyyy-MM-dd"), r.PublishedDate.ToString("yyyy-MM-dd"), r.Value)));
        // The Q1 value was not known on March 31: it became public on April 25.
        Assert.Equal(new DateTime(2024, 4, 25, 0, 0, 0, DateTimeKind.Utc), records[3].EventTime);
        Assert.All(records, r => Assert.Equal(("GDP", "Billions of Dollars", "Q", "fred"), (r.SeriesId, r.Units, r.Frequency, r.Source)));
        Assert.All(records, r => Assert.Null(r.Validate()));
        Assert.Empty(pages.SelectMany(p => p.Rejections)); // "." (no value yet) is skipped, not rejected

        // Pages are in observation order: only the last one moves the cursor.
        Assert.Equal([null, "2024-05-30"], pages.Select(p => p.Cursor?.Value));

        var requests = host.Http.Requests;
        Assert.Equal(["/fred/series", "/fred/series/observations", "/fred/series/observations"], requests.Select(r => r.Uri.AbsolutePath));
        Assert.All(requests, r => Assert.Equal(("GDP", "fred-key-abc", "json"), (r.Query("series_id"), r.Query("api_key"), r.Query("file_type"))));
        Assert.Equal(("1776-07-04", "9999-12-31", "0", "3"), (requests[1].Query("realtime_start"), requests[1].Query("realtime_end"), requests[1].Query("offset"), requests[1].Query("limit")));
        Assert.Equal("3", requests[2].Query("offset"));
    }

    [Fact]
    public async Task SecondRunAsksFromTheCursorAndKeepsOnlyNewVintages()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.ThenFixture("fred/gdp-series.json").ThenFixture("fred/gdp-observations-page1.json").ThenFixture("fred/gdp-observations-page2.json")
            .ThenFixture("fred/gdp-series.json").ThenFixture("fred/gdp-observations-resume.json");
        var client = host.Get<FredClient>();
        await host.DrainAsync(client.ReadAllAsync(_ct), _ct);

        var second = await host.DrainAsync(client.ReadAllAsync(_ct), _ct);

        Assert.Equal("2024-05-30", host.Http.Requests[4].Query("realtime_start"));
        // Rows stamped 2024-05-30 are either clipped to the window start or already emitted: only the June 27 revision is new.
        var revision = Assert.Single(second.SelectMany(p => p.Records));
        Assert.Equal((new DateOnly(2024, 1, 1), new DateOnly(2024, 6, 27), 28269.174), (revision.ObservationDate, revision.PublishedDate, revision.Value));
        Assert.Equal("2024-06-27", await host.Cursors.GetAsync(FredClient.CursorKey("GDP"), _ct));
    }

    [Fact]
    public async Task MalformedObservationsAreRejectedNamingTheField()
    {
        using var host = SourcesTestHost.Create(Settings(("Sources:Fred:PageLimit", "100000")), Now);
        host.Http.ThenFixture("fred/gdp-series.json").ThenFixture("fred/gdp-observations-malformed.json");

        var page = Assert.Single(await host.DrainAsync(host.Get<FredClient>().ReadAllAsync(_ct), _ct));

        Assert.Single(page.Records);
        Assert.Equal([("observations[1].value", "'n/a' is not a number or '.'"), ("observations[2].date", "is missing")],
            page.Rejections.Select(r => (r.Field, r.Reason)));
    }

    [Fact]
    public async Task AnErrorInTheBodyOrAMissingArrayFailsClearly()
    {
        using var host = SourcesTestHost.Create(Settings(), Now);
        host.Http.ThenFixture("fred/gdp-series.json").Then(System.Net.HttpStatusCode.OK, """{"count":1,"offset":0,"limit":3}""");

        var e = await Assert.ThrowsAsync<Ingestion.Sources.Http.SourcePayloadException>(() => host.DrainAsync(host.Get<FredClient>().ReadAllAsync(_ct), _ct));

        Assert.Equal("fred: malformed payload: field 'observations' is missing", e.Message);
    }
}
