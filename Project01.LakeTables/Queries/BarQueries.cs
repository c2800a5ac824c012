using Project01.Core.Market;
using Project01.Lake;
using Project01.Lake.Sql;
using Project01.LakeTables;

namespace Project01.LakeTables.Queries;

/// <summary>
/// Reads bars back from the bronze bar tables: daily bars from <c>raw.bars</c>, intraday bars of one interval from
/// <c>raw.intraday_bars</c>. A bar may have been received more than once (a file replayed twice, a vendor correction):
/// the latest ingested version of each (symbol, event time) wins.
/// </summary>
public sealed class BarQueries(Lakehouse lake)
{
    private static string Deduplicated(BarInterval? interval) => interval is { IsDaily: false } i
        ? $"""
          SELECT symbol, event_time, open, high, low, close, volume, source, ingest_time
          FROM {LakeCatalog.IntradayBars} WHERE interval = '{i}'
          QUALIFY row_number() OVER (PARTITION BY symbol, event_time ORDER BY ingest_time DESC, kafka_offset DESC, kafka_index DESC) = 1
          """
        : $"""
          SELECT symbol, event_time, open, high, low, close, volume, source, ingest_time
          FROM {LakeCatalog.Bars}
          QUALIFY row_number() OVER (PARTITION BY symbol, event_time ORDER BY ingest_time DESC, kafka_offset DESC) = 1
          """;

    private static TableName TableOf(BarInterval? interval) => interval is { IsDaily: false } ? LakeCatalog.IntradayBars : LakeCatalog.Bars;

    /// <param name="raw">Prices as traded: bars imported adjusted (dividends, splits) divided back by their factor
    /// (<c>raw.price_adjustments</c>); bars never adjusted are the same either way.</param>
    public async Task<IReadOnlyList<Bar>> GetBarsAsync(string symbol, DateTime? from = null, DateTime? to = null, int? last = null,
        CancellationToken ct = default, BarInterval? interval = null, bool raw = false)
    {
        if (await lake.OpenTableAsync(TableOf(interval), ct) is null) return [];
        var adjusted = raw && await lake.OpenTableAsync(LakeCatalog.PriceAdjustments, ct) is not null;
        var source = adjusted
            ? $"""
              SELECT b.symbol, b.event_time, b.open / coalesce(a.factor, 1), b.high / coalesce(a.factor, 1), b.low / coalesce(a.factor, 1),
                     b.close / coalesce(a.factor, 1), CAST(round(b.volume * coalesce(a.factor, 1)) AS BIGINT)
              FROM ({Deduplicated(interval)}) b
              LEFT JOIN (SELECT symbol, event_time, factor FROM {LakeCatalog.PriceAdjustments} WHERE interval = '{interval ?? BarInterval.Daily}'
                         QUALIFY row_number() OVER (PARTITION BY symbol, event_time ORDER BY ingest_time DESC) = 1) a
                ON a.symbol = b.symbol AND a.event_time = b.event_time
              """
            : $"SELECT symbol, event_time, open, high, low, close, volume FROM ({Deduplicated(interval)})";
        var sql = $"""
            SELECT * FROM ({source}) AS bars(symbol, event_time, open, high, low, close, volume)
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

    /// <summary>All daily bars (deduplicated), ordered by symbol then time: the history the feature backfill starts from.</summary>
    public IAsyncEnumerable<Bar> ReadAllAsync(CancellationToken ct = default) => ReadAllAsync(null, ct);

    /// <summary>All bars of one interval (deduplicated), ordered by symbol then time.</summary>
    public async IAsyncEnumerable<Bar> ReadAllAsync(BarInterval? interval, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(TableOf(interval), ct) is null) yield break;
        await using var connection = await new LakeSql(lake).OpenAsync(ct: ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT symbol, event_time, open, high, low, close, volume FROM ({Deduplicated(interval)}) ORDER BY symbol, event_time";
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            yield return new Bar(reader.GetString(0), AsUtc(reader.GetValue(1)), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                reader.GetDouble(5), reader.GetInt64(6));
    }

    /// <summary>The intervals the intraday table holds (1m, 5m, …), shortest first.</summary>
    public async Task<IReadOnlyList<BarInterval>> GetIntradayIntervalsAsync(CancellationToken ct = default)
    {
        if (await lake.OpenTableAsync(LakeCatalog.IntradayBars, ct) is null) return [];
        var result = await new LakeSql(lake).QueryAsync($"SELECT DISTINCT interval FROM {LakeCatalog.IntradayBars}", timeout: TimeSpan.FromSeconds(30), ct: ct);
        return result.Rows.Select(r => BarInterval.Parse((string)r[0]!)).OrderBy(i => i.Length).ToList();
    }

    /// <summary>Every series: daily symbols, then each intraday (symbol, interval).</summary>
    public async Task<IReadOnlyList<SymbolSummary>> GetSymbolsAsync(CancellationToken ct = default)
    {
        var summaries = new List<SymbolSummary>();
        foreach (var interval in new BarInterval?[] { null }.Concat((await GetIntradayIntervalsAsync(ct)).Select(i => (BarInterval?)i)))
        {
            if (await lake.OpenTableAsync(TableOf(interval), ct) is null) continue;
            var result = await new LakeSql(lake).QueryAsync(
                $"SELECT symbol, count(*), min(event_time), max(event_time), max(ingest_time) FROM ({Deduplicated(interval)}) GROUP BY symbol ORDER BY symbol",
                timeout: TimeSpan.FromSeconds(30), ct: ct);
            summaries.AddRange(result.Rows.Select(r => new SymbolSummary((string)r[0]!, Convert.ToInt64(r[1]), AsUtc(r[2]!), AsUtc(r[3]!), AsUtc(r[4]!),
                (interval ?? BarInterval.Daily).ToString())));
        }
        return summaries;
    }

    private static DateTime AsUtc(object value) => value switch
    {
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc),
        DateTimeOffset o => o.UtcDateTime,
        _ => throw new InvalidCastException($"expected a timestamp, got {value.GetType().Name}"),
    };
}

/// <param name="Interval">1d for daily series, else the intraday bar interval.</param>
public sealed record SymbolSummary(string Symbol, long Bars, DateTime FirstBar, DateTime LastBar, DateTime LastIngested, string Interval = "1d");
