using Project01.Core.Market;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.LakeTables;

namespace Project01.LakeTables.Queries;

/// <summary>
/// Reads bars back from the bronze bars table. A bar may have been received more than once (a file replayed twice,
/// a vendor correction): the latest ingested version of each (symbol, event time) wins.
/// </summary>
public sealed class BarQueries(Lakehouse lake)
{
    private static readonly string Deduplicated = $"""
        SELECT symbol, event_time, open, high, low, close, volume, source, ingest_time
        FROM {LakeCatalog.Bars}
        QUALIFY row_number() OVER (PARTITION BY symbol, event_time ORDER BY ingest_time DESC, kafka_offset DESC) = 1
        """;

    public async Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, DateTime? from = null, DateTime? to = null, int? last = null,
        CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(LakeCatalog.Bars, ct) is null) return [];
        var sql = $"""
            SELECT symbol, event_time, open, high, low, close, volume FROM ({Deduplicated})
            WHERE symbol = $symbol AND event_time >= $from AND event_time <= $to
            ORDER BY event_time {(last is null ? "ASC" : "DESC")} LIMIT $limit
            """;
        await using var connection = await new LakeSql(lake).OpenAsync(ct: ct);
        var result = await LakeSql.QueryAsync(connection, sql, int.MaxValue, TimeSpan.FromSeconds(30), ct,
            ("symbol", symbol), ("from", from ?? DateTime.MinValue.AddYears(1)), ("to", to ?? DateTime.MaxValue.AddYears(-1)),
            ("limit", (long)(last ?? int.MaxValue)));
        var bars = result.Rows.Select(r => new Bar((string)r[0]!, AsUtc(r[1]!), (double)r[2]!, (double)r[3]!, (double)r[4]!, (double)r[5]!, (long)r[6]!)).ToList();
        if (last is not null) bars.Reverse();
        return bars;
    }

    /// <summary>All bars (deduplicated), ordered by symbol then time: the history the feature backfill starts from.</summary>
    public async IAsyncEnumerable<Bar> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(LakeCatalog.Bars, ct) is null) yield break;
        await using var connection = await new LakeSql(lake).OpenAsync(ct: ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT symbol, event_time, open, high, low, close, volume FROM ({Deduplicated}) ORDER BY symbol, event_time";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new Bar(reader.GetString(0), AsUtc(reader.GetValue(1)), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                reader.GetDouble(5), reader.GetInt64(6));
    }

    public async Task<IReadOnlyList<SymbolSummary>> GetSymbolsAsync(CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(LakeCatalog.Bars, ct) is null) return [];
        var result = await new LakeSql(lake).QueryAsync(
            $"SELECT symbol, count(*), min(event_time), max(event_time), max(ingest_time) FROM ({Deduplicated}) GROUP BY symbol ORDER BY symbol",
            timeout: TimeSpan.FromSeconds(30), ct: ct);
        return result.Rows.Select(r => new SymbolSummary((string)r[0]!, Convert.ToInt64(r[1]), AsUtc(r[2]!), AsUtc(r[3]!), AsUtc(r[4]!))).ToList();
    }

    private static DateTime AsUtc(object value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        _ => throw new InvalidCastException($"expected a timestamp, got {value.GetType().Name}"),
    };
}

public sealed record SymbolSummary(string Symbol, long Bars, DateTime FirstBar, DateTime LastBar, DateTime LastIngested);
