using Project01.LakeTables.Writing.Sinks;
using Project01.Messaging.Records;

namespace Project01.LakeTables.Writing;

/// <summary>The bronze tables and how a record finds its table: by topic, and on <c>ticks</c> by the record's kind.</summary>
public sealed class LakeSinks
{
    private readonly Dictionary<(string Topic, string Kind), LakeSink> _byKind;

    public LakeSinks(IEnumerable<LakeSink> sinks)
    {
        All = [.. sinks];
        _byKind = All.SelectMany(s => s.Kinds.Select(k => (Key: (s.Topic, k), Sink: s))).ToDictionary(p => p.Key, p => p.Sink);
    }

    public static LakeSinks CreateDefault() =>
        new([new BarsSink(), new IntradayBarsSink(), new PriceAdjustmentsSink(), new TradesSink(), new QuotesSink(), new NewsSink(), new TweetsSink(), new FundamentalsSink()]);

    public IReadOnlyList<LakeSink> All { get; }

    public IReadOnlyList<string> Topics => All.Select(s => s.Topic).Distinct().ToList();

    /// <summary>The tables written, for logs.</summary>
    public IEnumerable<string> Tables => All.Select(s => s.Table.ToString()).Distinct();

    /// <summary>The sink for a payload, or null with the reason (unknown or missing kind).</summary>
    public LakeSink? Route(string topic, ReadOnlySpan<byte> json, out string? error)
    {
        var kind = RecordJson.PeekKind(json);
        if (kind is null)
        {
            error = "not a JSON record with a string 'kind'";
            return null;
        }
        if (_byKind.TryGetValue((topic, kind), out var sink))
        {
            error = null;
            return sink;
        }
        error = $"kind '{kind}' does not belong on topic '{topic}' (expected {string.Join(", ", All.Where(s => s.Topic == topic).SelectMany(s => s.Kinds))})";
        return null;
    }
}
