using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.FeatureStore.Pipelines;
using Project01.Lake;
using Project01.Lake.Sql;

namespace Project01.Features.Apis;

/// <summary>What the NLP stage read: scored texts and per-symbol summaries from <c>silver.sentiment</c>.</summary>
public static class SentimentApi
{
    public static IEndpointRouteBuilder MapSentimentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/sentiment").WithTags("Sentiment");
        api.MapGet("/symbols", GetSymbols).WithName("GetSentimentSymbols").WithSummary("Symbols the news and posts mention, with counts and mean tone");
        api.MapGet("/texts", GetTexts).WithName("GetScoredTexts").WithSummary("The latest scored texts, optionally about one symbol");
        return app;
    }

    private static async Task<Ok<SentimentSummaryDto[]>> GetSymbols(Lakehouse lake, CancellationToken ct)
    {
        if (await lake.OpenTableAsync(SentimentFeaturePipeline.Scored, ct) is null) return TypedResults.Ok(Array.Empty<SentimentSummaryDto>());
        var result = await new LakeSql(lake).QueryAsync("""
            SELECT symbol, count(DISTINCT doc_id), avg(score), min(event_time), max(event_time)
            FROM silver.sentiment WHERE symbol IS NOT NULL GROUP BY symbol ORDER BY count(DISTINCT doc_id) DESC, symbol
            """, ct: ct);
        return TypedResults.Ok(result.Rows.Select(r => new SentimentSummaryDto((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture),
            (double)r[2]!, (DateTime)r[3]!, (DateTime)r[4]!)).ToArray());
    }

    private static async Task<Results<Ok<ScoredTextDto[]>, ValidationProblem>> GetTexts(string? symbol, int? limit, Lakehouse lake, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (symbol is not null && !Symbols.IsValid(symbol = Symbols.Normalize(symbol))) errors["symbol"] = [$"'{symbol}' is not a valid symbol"];
        var take = limit ?? 50;
        if (take is < 1 or > 1000) errors["limit"] = ["between 1 and 1000"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await lake.OpenTableAsync(SentimentFeaturePipeline.Scored, ct) is null) return TypedResults.Ok(Array.Empty<ScoredTextDto>());
        // The symbol is validated above (letters, digits, '.', '-', '^'), so it can be written into the query as a literal.
        var where = symbol is null ? "" : $"WHERE symbol = '{symbol}'";
        var result = await new LakeSql(lake).QueryAsync($"""
            SELECT doc_id, kind, event_time, symbol, score, label, scorer, topic, topic_probability, text
            FROM silver.sentiment {where} ORDER BY event_time DESC, doc_id LIMIT {take}
            """, ct: ct);
        return TypedResults.Ok(result.Rows.Select(r => new ScoredTextDto((string)r[0]!, (string)r[1]!, (DateTime)r[2]!, (string?)r[3], (double)r[4]!,
            (string)r[5]!, (string)r[6]!, (string?)r[7], (double?)r[8], (string)r[9]!)).ToArray());
    }
}
