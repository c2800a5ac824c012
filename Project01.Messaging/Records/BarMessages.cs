using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Reads the bars out of a <c>ticks</c> message whichever way they were sent: one bar (<c>bar</c>) or a batch of one
/// symbol's bars (<c>bars</c>). Every consumer of bars goes through here, so a new encoding cannot be missed by one.
/// </summary>
public static class BarMessages
{
    /// <summary>True when the message carries bars (of either kind).</summary>
    public static bool IsBars(string? kind) => kind is BarRecord.KindName or BarBatchRecord.KindName;

    /// <summary>
    /// Appends the message's bars, each mapped with its ingest time and source, and returns true; false with the reason
    /// when the message is a bar message that does not validate (nothing is appended then). Messages of other kinds add
    /// nothing and return true. Mapping straight into the caller's list keeps the hot path free of an intermediate copy.
    /// </summary>
    public static bool TryRead<T>(ReadOnlySpan<byte> json, List<T> into, Func<Bar, DateTime, string, T> map, out string? error)
    {
        error = null;
        switch (RecordJson.PeekKind(json))
        {
            case BarBatchRecord.KindName:
                if (BarBatchRecord.TryDeserialize(json, out error) is not { } batch) return false;
                foreach (var bar in batch.Bars) into.Add(map(bar, batch.IngestTime, batch.Source));
                return true;
            case BarRecord.KindName:
                if (RecordJson.TryDeserializeBar(json, out error) is not { } record) return false;
                into.Add(map(record.ToBar(), record.IngestTime, record.Source));
                return true;
            default:
                return true;
        }
    }
}
