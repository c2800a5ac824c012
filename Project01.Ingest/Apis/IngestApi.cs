using Project01.ApiKeys;
using Project01.ApiSecurity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Project01.Contracts;
using Project01.Core.Market;
using Project01.Ingest.Extensions;
using Project01.Ingest.Workers;
using Project01.LakeTables.Writing;
using Project01.LakeTables.Queries;
using Project01.Ingestion.Replay;
using Project01.Messaging.Kafka;
using Confluent.Kafka;

namespace Project01.Ingest.Apis;

public static class IngestApi
{
    public static IEndpointRouteBuilder MapIngestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").WithTags("Ingest");

        api.MapPost("/replays", StartReplay).RequireScope(ApiScopes.Replay).WithName("StartReplay").WithSummary("Replay a bundled dataset into the ticks topic");
        api.MapGet("/replays", ListReplays).WithName("ListReplays").WithSummary("Replays run by this instance");
        api.MapGet("/replays/{id:guid}", GetReplay).WithName("GetReplay").WithSummary("One replay's progress and result");
        api.MapGet("/symbols", ListSymbols).WithName("ListSymbols").WithSummary("Symbols in the lake with their bar counts and spans");
        api.MapGet("/bars/{symbol}", GetBars).WithName("GetBars").WithSummary("Bars of one symbol from the lake (deduplicated); ?interval=5m for intraday, ?prices=raw for prices as traded");
        api.MapGet("/ingest/status", GetStatus).WithName("GetIngestStatus").WithSummary("Lake writer totals");
        api.MapGet("/kafka/lag", GetLag).WithName("GetConsumerLag").WithSummary("How far each of the platform's consumer groups is behind, per topic");
        return app;
    }

    private static Results<Accepted<ReplayJobDto>, ValidationProblem, ProblemHttpResult> StartReplay(ReplayRequest request, ReplayJobs jobs, IOptions<IngestOptions> options)
    {
        if (!BundledReplays.Exists(request.Dataset ?? ""))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["dataset"] = [$"unknown dataset '{request.Dataset}'; bundled: {string.Join(", ", BundledReplays.Names)}"],
            });
        if (request.Speed is < 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["speed"] = ["speed must be 0 (as fast as possible) or positive"] });
        var dataset = request.Dataset!.ToLowerInvariant();
        var (job, refusal) = jobs.TryStart(dataset, request.Speed ?? options.Value.ReplaySpeed);
        return refusal switch
        {
            ReplayRefusal.AlreadyRunning => TypedResults.Problem($"a replay of '{dataset}' is running; poll GET /v1/replays and start again when it has finished",
                statusCode: StatusCodes.Status409Conflict, title: "Already replaying"),
            ReplayRefusal.TooMany => TypedResults.Problem($"{options.Value.MaxConcurrentReplays} replays are running, the most this instance runs at once; retry when one has finished",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many replays"),
            _ => TypedResults.Accepted($"/v1/replays/{job!.Id}", ToDto(job)),
        };
    }

    private static Ok<ReplayJobDto[]> ListReplays(ReplayJobs jobs) => TypedResults.Ok(jobs.All.Select(ToDto).ToArray());

    private static Results<Ok<ReplayJobDto>, NotFound> GetReplay(Guid id, ReplayJobs jobs) =>
        jobs.Find(id) is { } job ? TypedResults.Ok(ToDto(job)) : TypedResults.NotFound();

    private static async Task<Ok<SymbolDto[]>> ListSymbols(BarQueries bars, CancellationToken ct) =>
        TypedResults.Ok((await bars.GetSymbolsAsync(ct)).Select(s => new SymbolDto(s.Symbol, s.Bars, s.FirstBar, s.LastBar, s.LastIngested, s.Interval)).ToArray());

    private static async Task<Results<Ok<BarsResponse>, ProblemHttpResult, ValidationProblem>> GetBars(
        string symbol, DateTime? from, DateTime? to, int? last, string? interval, string? prices, BarQueries bars, CancellationToken ct)
    {
        symbol = Symbols.Normalize(symbol);
        if (!Symbols.IsValid(symbol))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["symbol"] = [$"'{symbol}' is not a valid symbol"] });
        BarInterval? barInterval = null;
        if (!string.IsNullOrEmpty(interval))
        {
            if (!BarInterval.TryParse(interval, out var parsed, out var problem))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["interval"] = [problem] });
            barInterval = parsed;
        }
        if (last is < 1 or > 100_000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["last"] = ["last must be between 1 and 100000"] });
        if (prices is not (null or "adjusted" or "raw"))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["prices"] = [$"prices is adjusted (the default: what features use) or raw (as traded), not '{prices}'"] });
        var result = await bars.GetBarsAsync(symbol, from?.ToUniversalTime(), to?.ToUniversalTime(), last, ct, barInterval, raw: prices == "raw");
        if (result.Count == 0 && from is null && to is null)
            return TypedResults.Problem(title: "Unknown symbol", statusCode: StatusCodes.Status404NotFound,
                detail: $"the lake holds no {(barInterval is { IsDaily: false } i ? $"{i} " : "")}bars for '{symbol}'");
        return TypedResults.Ok(new BarsResponse(symbol, result.Select(b => new BarDto(b.Time, b.Open, b.High, b.Low, b.Close, b.Volume)).ToArray()));
    }

    private static async Task<Results<Ok<ConsumerLagDto[]>, ProblemHttpResult>> GetLag(IConfiguration configuration, IOptions<IngestOptions> options,
        CancellationToken ct)
    {
        var bootstrap = configuration.GetKafkaBootstrapServers("kafka");
        try
        {
            // librdkafka calls block: keep them off the request thread pool's hot path.
            var lags = await Task.Run(() => options.Value.LagGroupsOrDefault
                .SelectMany(g => ConsumerLag.Read(bootstrap, g.Key, g.Value, TimeSpan.FromSeconds(5))).ToArray(), ct);
            return TypedResults.Ok(lags.Select(l => new ConsumerLagDto(l.Group, l.Topic, l.Partitions, l.EndOffset, l.Committed, l.Lag)).ToArray());
        }
        catch (KafkaException e)
        {
            return TypedResults.Problem($"Kafka did not answer: {e.Error.Reason}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Kafka unavailable");
        }
    }

    private static Ok<LakeWriterStatusDto> GetStatus(LakeWriterStats stats) =>
        TypedResults.Ok(new LakeWriterStatusDto(stats.Written, stats.SkippedDuplicates, stats.DeadLettered, stats.Commits, stats.LastVersion, stats.LastCommitAt));

    private static ReplayJobDto ToDto(ReplayJob j) => new(j.Id, j.Source, j.State.ToString(), j.Speed, j.StartedAt, j.FinishedAt,
        j.Progress.Lines, j.Progress.Produced, j.Progress.DeadLettered, j.Result?.RecordsPerSecond, j.Error);
}
