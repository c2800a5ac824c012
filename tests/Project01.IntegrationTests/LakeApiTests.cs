using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests;

[Collection(AppHostCollection.Name)]
public sealed class LakeApiTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    /// <summary>S&P 500 (5,105 bars) + Dow 30 (75,870) + US macro (203 quarters × 12 series) + Reuters (70 articles).</summary>
    private const long AllBundledRecords = 5_105 + 75_870 + 203 * 12 + 70;

    private Task WaitForTicksAsync() =>
        // Counted in the lake itself, not by the writer's counters: a fault test may have restarted Ingest, whose
        // counters then start again from zero while the lake already holds everything.
        fixture.EventuallyAsync("the lake writer landing the replay", async ct =>
        {
            var tables = await fixture.Client("ingest").GetFromJsonAsync<LakeTableDto[]>("/v1/lake/tables", ct);
            var records = tables!.Where(t => t.Name.StartsWith("raw.", StringComparison.Ordinal)).Sum(t => t.Records);
            return (records >= AllBundledRecords, 0, $"{records} of {AllBundledRecords} in the raw tables");
        }, _ct);

    [Fact]
    public async Task ListsTablesWithTheirSchema()
    {
        await WaitForTicksAsync();
        // The bundled bars, and the daily bars other tests of the suite imported once they have landed too.
        var expected = 5_105 + 75_870 + fixture.ImportedDailyBars;
        var tables = await fixture.EventuallyAsync($"{expected} rows in raw.bars", async ct =>
        {
            var all = (await fixture.Client("ingest").GetFromJsonAsync<LakeTableDto[]>("/v1/lake/tables", ct))!;
            var records = all.SingleOrDefault(t => t.Name == "raw.bars")?.Records ?? 0;
            return (records >= expected, all, $"{records} rows");
        }, _ct);
        var bars = Assert.Single(tables, t => t.Name == "raw.bars");
        Assert.Equal(expected, bars.Records); // nothing doubled
        Assert.Equal(["date"], bars.PartitionColumns);
        Assert.Contains(bars.Columns, c => c is { Name: "event_time", Type: "timestamp", Nullable: false });
        Assert.Equal(70, Assert.Single(tables, t => t.Name == "raw.news").Records);
        var macro = Assert.Single(tables, t => t.Name == "raw.fundamentals");
        Assert.Equal(203 * 12, macro.Records);
        Assert.Contains(macro.Columns, c => c is { Name: "published_date", Type: "date" });
    }

    [Fact]
    public async Task AnswersSelectsWithinLimits()
    {
        await WaitForTicksAsync();
        var client = fixture.Client("ingest");
        using var response = await client.PostAsJsonAsync("/v1/lake/sql",
            new SqlRequest("SELECT symbol, count(*) AS bars, max(close) AS top, min(event_time) AS first FROM bars WHERE symbol = 'SPX' GROUP BY symbol"), _ct);
        var result = await response.Content.ReadFromJsonAsync<SqlResponse>(_ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["symbol", "bars", "top", "first"], result!.Columns);
        var row = result.Rows.Single();
        Assert.Equal("SPX", ((JsonElement)row[0]!).GetString());
        Assert.Equal(5105, ((JsonElement)row[1]!).GetInt64());
        Assert.Equal("2000-01-03T00:00:00Z", ((JsonElement)row[3]!).GetString());

        using var limited = await client.PostAsJsonAsync("/v1/lake/sql", new SqlRequest("SELECT * FROM raw.bars", MaxRows: 7), _ct);
        var page = await limited.Content.ReadFromJsonAsync<SqlResponse>(_ct);
        Assert.Equal(7, page!.Rows.Count);
        Assert.True(page.Truncated);
    }

    [Theory]
    [InlineData("COPY bars TO '/tmp/out.parquet'", "only a single SELECT statement is allowed")]
    [InlineData("SELECT * FROM read_csv('/etc/passwd')", "disabled")]
    [InlineData("SELEC 1", "syntax error")]
    [InlineData("ATTACH '/tmp/p01-attack.db'", "only a single SELECT statement is allowed")]
    [InlineData("INSTALL httpfs", "only a single SELECT statement is allowed")]
    [InlineData("LOAD httpfs", "only a single SELECT statement is allowed")]
    [InlineData("SELECT max(len(l)) FROM (SELECT range % 10 AS k, list(range) AS l FROM range(400000000) GROUP BY k)", "memory")]
    public async Task RefusesAnythingElseWithAProblem(string query, string reason)
    {
        using var response = await fixture.Client("ingest").PostAsJsonAsync("/v1/lake/sql", new SqlRequest(query), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(_ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheServedModelsFilesAreNotReadableThroughSql()
    {
        await fixture.WaitForForecastAsync(_ct); // a model is registered and its artifact is in the lake
        var lake = Path.Combine(fixture.DataDir, "lake");
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(lake, "artifacts"), "model.onnx", SearchOption.AllDirectories));
        await RefusesAnythingElseWithAProblem($"SELECT filename, size FROM read_blob('{lake}/artifacts/models/*/v*/model.onnx')", "disabled");
    }
}
