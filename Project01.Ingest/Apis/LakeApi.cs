using Project01.ApiKeys;
using Project01.ApiSecurity;
using System.Diagnostics;
using System.Numerics;
using Microsoft.AspNetCore.Http.HttpResults;
using Project01.Contracts;
using Project01.Lake;
using Project01.Lake.Schema;
using Project01.Lake.Sql;

namespace Project01.Ingest.Apis;

/// <summary>Read-only access to the lake: its tables and SQL over their committed files, with row and time limits.</summary>
public static class LakeApi
{
    public const int DefaultMaxRows = 1_000;
    public const int MaxRowsLimit = 10_000;
    public static readonly TimeSpan QueryTimeLimit = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapLakeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/lake").WithTags("Lake");
        api.MapGet("/tables", ListTables).WithName("ListLakeTables").WithSummary("Delta tables with their latest version, size and schema");
        api.MapPost("/sql", Query).RequireScopeForHeavyWork(ApiScopes.LakeSql).WithName("QueryLake")
            .WithSummary($"One SELECT over the lake's tables (by name or layer.name); at most {MaxRowsLimit} rows and 10 s");
        return app;
    }

    private static async Task<Ok<LakeTableDto[]>> ListTables(Lakehouse lake, CancellationToken ct)
    {
        var result = new List<LakeTableDto>();
        foreach (var name in await lake.ListTablesAsync(ct))
        {
            if (await lake.OpenTableAsync(name, ct) is not { } table) continue;
            var s = await table.RefreshAsync(ct);
            result.Add(new LakeTableDto(name.ToString(), s.Version, s.Timestamp, s.NumRecords, s.Files.Count, s.PartitionColumns,
                s.Schema.Fields.Select(f => new LakeColumnDto(f.Name, f.Type.ToDelta(), f.Nullable)).ToList()));
        }
        return TypedResults.Ok(result.ToArray());
    }

    private static async Task<Results<Ok<SqlResponse>, ValidationProblem, ProblemHttpResult>> Query(SqlRequest request, Lakehouse lake, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["query"] = ["a SELECT statement is required"] });
        if (request.MaxRows is < 1 or > MaxRowsLimit)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["maxRows"] = [$"maxRows must be between 1 and {MaxRowsLimit}"] });
        var clock = Stopwatch.StartNew();
        try
        {
            var result = await new LakeSql(lake).QueryReadOnlyAsync(request.Query, request.MaxRows ?? DefaultMaxRows, QueryTimeLimit, ct);
            return TypedResults.Ok(new SqlResponse(result.Columns, result.Rows.Select(r => r.Select(ToJsonValue).ToArray()).ToList(), result.Truncated,
                clock.Elapsed.TotalMilliseconds));
        }
        catch (ReadOnlyQueryException e)
        {
            return TypedResults.Problem(title: "Query refused", detail: e.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (System.Data.Common.DbException e)
        {
            return TypedResults.Problem(title: "Query failed", detail: e.Message.Split('\n')[0], statusCode: StatusCodes.Status400BadRequest);
        }
        catch (TimeoutException e)
        {
            return TypedResults.Problem(title: "Query too slow", detail: e.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    // JSON numbers stay numbers; what JSON has no type for (128-bit integers, dates) travels as text.
    private static object? ToJsonValue(object? value) => value switch
    {
        null or bool or string or int or long or short or byte or double or float or decimal => value,
        BigInteger b => b >= long.MinValue && b <= long.MaxValue ? (long)b : b.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => LakeSql.Format(value),
    };
}
