using Project01.Core.Market;

namespace Project01.Messaging.Records;

/// <summary>
/// Reads the bars out of a <c>ticks</c> message whichever way they were sent: one daily bar (<c>bar</c>), a batch of
/// one symbol's daily bars (<c>bars</c>), or a batch of its intraday bars (<c>intraday_bars</c>, read apart so a minute
/// bar is never taken for a day). Every consumer of bars goes through here, so a new encoding cannot be missed by one.
/// </summary>
public static class BarMessages
{
    /// <summary>True when the message carries bars (of either kind).</summary>
    public static bool IsBars(string? kind) => kind is BarRecord.KindName or BarBatchRecord.KindName or BarBatchRecord.IntradayKindName;

    /// <summary>The intraday batch a message carries; null without error for messages of other kinds, null with the
    /// reason for an intraday batch that does not validate.</summary>
    public static BarBatchRecord? TryReadIntraday(ReadOnlySpan<byte> json, out string? error)
    {
        error = null;
        return RecordJson.PeekKind(json) == BarBatchRecord.IntradayKindName ? BarBatchRecord.TryDeserialize(json, out error) : null;
    }

    /// <summary>
    /// Appends the message's daily bars, each mapped with its ingest time and source, and returns true; false with the reason
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
