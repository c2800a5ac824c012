using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.LakeTables.Queries;

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

    private static async Task<Ok<SentimentSummaryDto[]>> GetSymbols(SentimentQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.GetSymbolsAsync(ct)).Select(m => new SentimentSummaryDto(m.Symbol, m.Texts, m.MeanScore, m.First, m.Last)).ToArray());

    private static async Task<Results<Ok<ScoredTextDto[]>, ValidationProblem>> GetTexts(string? symbol, int? limit, SentimentQueries queries, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (symbol is not null && !Symbols.IsValid(symbol = Symbols.Normalize(symbol))) errors["symbol"] = [$"'{symbol}' is not a valid symbol"];
        var take = limit ?? 50;
        if (take is < 1 or > 1000) errors["limit"] = ["between 1 and 1000"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var texts = await queries.GetTextsAsync(symbol, take, ct);
        return TypedResults.Ok(texts.Select(t => new ScoredTextDto(t.DocId, t.Kind, t.EventTime, t.Symbol, t.Score, t.Label, t.Scorer, t.Topic,
            t.TopicProbability, t.Text)).ToArray());
    }
}
