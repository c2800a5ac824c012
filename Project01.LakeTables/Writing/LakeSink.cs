using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;

namespace Project01.LakeTables.Writing;

/// <summary>
/// A bronze table fed from one topic (and, on <c>ticks</c>, one record kind): how a payload decodes and validates, and
/// how accepted records become columns. Holds the accepted rows of the batch being written.
/// </summary>
public abstract class LakeSink
{
    public abstract string Topic { get; }

    /// <summary>The record kinds this sink takes on its topic.</summary>
    public abstract IReadOnlyList<string> Kinds { get; }

    public abstract TableName Table { get; }
    public abstract LakeSchema Schema { get; }
    public IReadOnlyList<string> PartitionColumns => BronzeColumns.PartitionColumns;

    public abstract int Pending { get; }

    /// <summary>Decodes and validates; keeps the record for the next batch, or returns the reason it was rejected.</summary>
    public abstract string? Accept(ReadOnlySpan<byte> json, int partition, long offset);

    /// <summary>The pending rows as a batch, the lowest and highest offset per partition among them and how many messages
    /// they came from; clears the pending rows.</summary>
    public abstract (RecordBatch Batch, IReadOnlyDictionary<int, (long Min, long Max)> Offsets, int Messages) Take();

    /// <summary>Drops the pending rows of a batch that was not committed: they will be delivered again.</summary>
    public abstract void Discard();
}

public abstract class LakeSink<T> : LakeSink
{
    private readonly List<LakeRow<T>> _rows = [];
    private readonly List<T> _decoded = [];
    private int _messages;

    public override int Pending => _rows.Count;

    /// <summary>Adds the record(s) of one message to <paramref name="into"/>, or returns false with the reason.</summary>
    protected abstract bool Decode(ReadOnlySpan<byte> json, List<T> into, out string? error);

    protected abstract RecordBatch ToBatch(IReadOnlyList<LakeRow<T>> rows);

    public sealed override string? Accept(ReadOnlySpan<byte> json, int partition, long offset)
    {
        _decoded.Clear();
        if (!Decode(json, _decoded, out var error)) return error ?? "invalid record";
        for (var i = 0; i < _decoded.Count; i++) _rows.Add(new LakeRow<T>(_decoded[i], partition, offset, i));
        _messages++;
        return null;
    }

    /// <summary>For sinks whose messages carry one record each.</summary>
    protected static bool One(T? record, List<T> into)
    {
        if (record is null) return false;
        into.Add(record);
        return true;
    }

    public sealed override void Discard()
    {
        _rows.Clear();
        _messages = 0;
    }

    public sealed override (RecordBatch Batch, IReadOnlyDictionary<int, (long Min, long Max)> Offsets, int Messages) Take()
    {
        var batch = ToBatch(_rows);
        var offsets = _rows.GroupBy(r => r.Partition).ToDictionary(g => g.Key, g => (g.Min(r => r.Offset), g.Max(r => r.Offset)));
        var messages = _messages;
        _rows.Clear();
        _messages = 0;
        return (batch, offsets, messages);
    }

    protected static LakeSchema WithBronze(params LakeField[] fields) => new([.. fields, .. BronzeColumns.Fields]);
}
