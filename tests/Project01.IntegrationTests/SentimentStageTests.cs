using System.Net.Http.Json;
using System.Text.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests;

/// <summary>
/// The NLP stage in the running app: the replayed Reuters articles are scored into <c>silver.sentiment</c> exactly once,
/// and the sentiment view is built from them with next-midnight event times.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class SentimentStageTests(AppHostFixture fixture)
{
    private const int ReutersArticles = 70;
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private async Task<SqlResponse> SqlAsync(string query)
    {
        using var response = await fixture.Client("ingest").PostAsJsonAsync("/v1/lake/sql", new SqlRequest(query), _ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SqlResponse>(_ct))!;
    }

    [Fact]
    public async Task EveryReplayedArticleIsScoredOnceAndFeedsTheSentimentView()
    {
        await fixture.EventuallyAsync("every Reuters article in silver.sentiment", async _ =>
        {
            try
            {
                var n = ((JsonElement)(await SqlAsync("SELECT count(DISTINCT doc_id) FROM silver.sentiment WHERE kind = 'news'")).Rows[0][0]!).GetInt64();
                return (n >= ReutersArticles, 0, $"{n} scored");
            }
            catch (HttpRequestException e)
            {
                return (false, 0, e.Message); // the table appears with the stage's first commit
            }
        }, _ct);

        var totals = (await SqlAsync("""
            SELECT count(DISTINCT doc_id), count(*), count(DISTINCT (doc_id, symbol)), min(score), max(score), count(DISTINCT scorer), count(topic)
            FROM silver.sentiment
            """)).Rows[0].Select(v => (JsonElement)v!).ToArray();
        Assert.Equal(ReutersArticles, totals[0].GetInt64());
        Assert.Equal(totals[1].GetInt64(), totals[2].GetInt64()); // no (document, symbol) twice
        Assert.InRange(totals[3].GetDouble(), -1, 1);
        Assert.InRange(totals[4].GetDouble(), -1, 1);
        Assert.Equal(1, totals[5].GetInt64());
        Assert.Equal(totals[1].GetInt64(), totals[6].GetInt64()); // every text has a topic

        // The most-mentioned symbol's days become feature rows timed at the next midnight.
        var top = (await SqlAsync("""
            SELECT symbol, count(DISTINCT CAST(event_time AS DATE)) AS days, min(CAST(event_time AS DATE)) AS first
            FROM silver.sentiment WHERE symbol IS NOT NULL GROUP BY symbol ORDER BY days DESC, symbol LIMIT 1
            """)).Rows[0];
        var symbol = ((JsonElement)top[0]!).GetString()!;
        var days = ((JsonElement)top[1]!).GetInt64();
        var first = DateOnly.Parse(((JsonElement)top[2]!).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var history = await fixture.EventuallyAsync($"sentiment features for {symbol}", async ct =>
        {
            using var response = await fixture.Client("features").GetAsync($"/v1/features/history/{symbol}?view=sentiment", ct);
            if (!response.IsSuccessStatusCode) return (false, null!, $"{(int)response.StatusCode}");
            var h = (await response.Content.ReadFromJsonAsync<FeatureHistoryResponse>(ct))!;
            return (h.Rows.Count == days, h, $"{h.Rows.Count} of {days} days");
        }, _ct);
        Assert.Equal("sentiment_v1", history.View);

        // The features service shows what was read, for the dashboard.
        var texts = await fixture.Client("features").GetFromJsonAsync<ScoredTextDto[]>($"/v1/sentiment/texts?symbol={symbol}&limit=500", _ct);
        Assert.NotEmpty(texts!);
        Assert.All(texts!, t => Assert.Equal((symbol, "news"), (t.Symbol, t.Kind)));
        Assert.All(texts!, t => Assert.False(string.IsNullOrWhiteSpace(t.Text)));
        var summary = await fixture.Client("features").GetFromJsonAsync<SentimentSummaryDto[]>("/v1/sentiment/symbols", _ct);
        Assert.Equal(texts!.Select(t => t.DocId).Distinct().Count(), summary!.Single(s => s.Symbol == symbol).Texts);
        Assert.Equal(first.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), history.Rows[0].EventTime);
    }
}
