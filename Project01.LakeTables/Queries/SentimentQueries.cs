using Project01.Lake;
using Project01.Lake.Sql;
using Project01.LakeTables;

namespace Project01.LakeTables.Queries;

/// <summary>How often a symbol is mentioned in the scored texts, with their mean tone and time span.</summary>
public sealed record SymbolMentions(string Symbol, long Texts, double MeanScore, DateTime First, DateTime Last);

/// <summary>One scored text as the NLP stage stored it.</summary>
public sealed record ScoredTextRow(string DocId, string Kind, DateTime EventTime, string? Symbol, double Score, string Label, string Scorer,
    string? Topic, double? TopicProbability, string Text);

/// <summary>Reads the NLP stage's scored texts (<see cref="LakeCatalog.Sentiment"/>); empty until the stage has written.</summary>
public sealed class SentimentQueries(Lakehouse lake)
{
    public async Task<IReadOnlyList<SymbolMentions>> GetSymbolsAsync(CancellationToken ct)
    {
        if (await lake.OpenTableAsync(LakeCatalog.Sentiment, ct) is null) return [];
        var result = await new LakeSql(lake).QueryAsync($"""
            SELECT symbol, count(DISTINCT doc_id), avg(score), min(event_time), max(event_time)
            FROM {LakeCatalog.Sentiment} WHERE symbol IS NOT NULL GROUP BY symbol ORDER BY count(DISTINCT doc_id) DESC, symbol
            """, ct: ct);
        return [.. result.Rows.Select(r => new SymbolMentions((string)r[0]!, Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture),
            (double)r[2]!, (DateTime)r[3]!, (DateTime)r[4]!))];
    }

    /// <summary>The latest texts, newest first, optionally about one symbol (validated by the caller: letters, digits,
    /// '.', '-', '^', so it can be written into the query as a literal).</summary>
    public async Task<IReadOnlyList<ScoredTextRow>> GetTextsAsync(string? symbol, int limit, CancellationToken ct)
    {
        if (await lake.OpenTableAsync(LakeCatalog.Sentiment, ct) is null) return [];
        var where = symbol is null ? "" : $"WHERE symbol = '{symbol.Replace("'", "''", StringComparison.Ordinal)}'";
        var result = await new LakeSql(lake).QueryAsync($"""
            SELECT doc_id, kind, event_time, symbol, score, label, scorer, topic, topic_probability, text
            FROM {LakeCatalog.Sentiment} {where} ORDER BY event_time DESC, doc_id LIMIT {limit}
            """, ct: ct);
        return [.. result.Rows.Select(r => new ScoredTextRow((string)r[0]!, (string)r[1]!, (DateTime)r[2]!, (string?)r[3], (double)r[4]!,
            (string)r[5]!, (string)r[6]!, (string?)r[7], (double?)r[8], (string)r[9]!))];
    }
}
