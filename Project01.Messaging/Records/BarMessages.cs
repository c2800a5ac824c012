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
    /// Appends the message's bars (with their ingest time and source) and returns true; false with the reason when the
    /// message is a bar message that does not validate. Messages of other kinds add nothing and return true.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> json, List<(Bar Bar, DateTime IngestTime, string Source)> into, out string? error)
    {
        error = null;
        switch (RecordJson.PeekKind(json))
        {
            case BarBatchRecord.KindName:
                if (BarBatchRecord.TryDeserialize(json, out error) is not { } batch) return false;
                foreach (var bar in batch.Bars) into.Add((bar, batch.IngestTime, batch.Source));
                return true;
            case BarRecord.KindName:
                if (RecordJson.TryDeserializeBar(json, out error) is not { } record) return false;
                into.Add((record.ToBar(), record.IngestTime, record.Source));
                return true;
            default:
                return true;
        }
    }
}
