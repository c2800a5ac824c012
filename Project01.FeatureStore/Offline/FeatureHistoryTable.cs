using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Data;
using Project01.Lake.Schema;

namespace Project01.FeatureStore.Offline;

/// <summary>
/// How a feature view's history is laid out in the lake: <c>silver/features_&lt;view&gt;</c>, partitioned by symbol, one
/// nullable double column per feature (null = not defined, e.g. during warm-up), with the event time the values are
/// valid from and the time they were computed.
/// </summary>
public static class FeatureHistoryTable
{
    public static TableName Name(FeatureView view) => new("silver", $"features_{view.Key}");

    public static readonly IReadOnlyList<string> PartitionColumns = ["symbol"];

    public static LakeSchema Schema(FeatureView view) => new([
        new LakeField("symbol", LakeType.String, Nullable: false),
        new LakeField("event_time", LakeType.Timestamp, Nullable: false),
        new LakeField("created_at", LakeType.Timestamp, Nullable: false),
        .. view.Features.Select(f => new LakeField(f, LakeType.Double)),
    ]);

    /// <summary>The Delta application id whose version is the last event time (ticks) stored for a symbol.</summary>
    public static string TransactionId(FeatureView view, string symbol) => $"features:{view.Key}:{symbol}";

    public static RecordBatch ToBatch(FeatureView view, IReadOnlyList<FeatureRow> rows)
    {
        var columns = new Array[3 + view.Features.Count];
        columns[0] = rows.Select(r => r.Symbol).ToArray();
        columns[1] = rows.Select(r => r.EventTime).ToArray();
        columns[2] = rows.Select(r => r.CreatedAt).ToArray();
        for (var f = 0; f < view.Features.Count; f++)
        {
            var values = new double?[rows.Count];
            for (var r = 0; r < rows.Count; r++)
                if (double.IsFinite(rows[r].Values[f])) values[r] = rows[r].Values[f];
            columns[3 + f] = values;
        }
        return new RecordBatch(Schema(view), columns);
    }

    public static IEnumerable<FeatureRow> FromBatch(FeatureView view, RecordBatch batch)
    {
        var symbols = batch.Column<string>("symbol");
        var times = batch.Column<DateTime>("event_time");
        var created = batch.Column<DateTime>("created_at");
        var features = view.Features.Select(f => batch.Column<double?>(f)).ToArray();
        for (var r = 0; r < batch.Length; r++)
        {
            var values = new double[features.Length];
            for (var f = 0; f < features.Length; f++) values[f] = features[f][r] ?? double.NaN;
            yield return new FeatureRow(symbols[r], times[r], created[r], values);
        }
    }
}
