using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Sql;

namespace Project01.FeaturePipelines;

/// <summary>
/// A feature view rebuilt from one lake table whenever that table has a new version: the rows are recomputed from the
/// whole table (cheap for low-frequency sources such as macro releases or daily sentiment), and the offline store's
/// watermarks keep only the new ones; the latest per entity goes to the online store.
/// </summary>
public abstract class LakeViewPipeline(Lakehouse lake, OfflineFeatureStore offline, OnlineFeatureStore online)
{
    private long _builtFromVersion = -1;

    protected abstract TableName Source { get; }

    protected abstract FeatureView View { get; }

    /// <summary>Every row of the view, from the source table as of now.</summary>
    protected abstract Task<List<FeatureRow>> BuildAsync(LakeSql sql, CancellationToken ct);

    protected abstract void Built(int rows, int stored, long version);

    /// <summary>Rebuilds when the source table changed; returns the rows newly stored.</summary>
    public async Task<int> RefreshAsync(CancellationToken ct)
    {
        if (await lake.OpenTableAsync(Source, ct) is not { } table) return 0;
        var version = (await table.RefreshAsync(ct)).Version;
        if (version == _builtFromVersion) return 0;
        var rows = await BuildAsync(new LakeSql(lake), ct);
        await offline.EnsureSchemaAsync(View, ct);
        var stored = await offline.AppendAsync(View, rows, ct);
        if (rows.Count > 0) await online.WriteLatestAsync(View, rows);
        _builtFromVersion = version;
        Built(rows.Count, stored, version);
        return stored;
    }
}
