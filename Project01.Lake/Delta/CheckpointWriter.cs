using ParquetSharp;

namespace Project01.Lake.Delta;

/// <summary>
/// Writes actions as a checkpoint Parquet file in <see cref="CheckpointSchema"/>: one row per action, the action's struct
/// set and every other struct null. Leaf columns go in schema order; <see cref="Nested{T}"/> marks a present struct, so
/// a null field inside a present action stays distinct from an absent action.
/// </summary>
internal static class CheckpointWriter
{
    public static byte[] Write(IReadOnlyList<DeltaAction> rows)
    {
        using var buffer = new MemoryStream();
        using (var schema = new CheckpointSchema())
        using (var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).CreatedBy("Project01.Lake").Build())
        using (var file = new ParquetFileWriter(buffer, schema.Root, properties, keyValueMetadata: null, leaveOpen: true))
        {
            using (var g = file.AppendRowGroup())
            {
                Leaf(g, rows, r => r.Txn, t => t.AppId);
                Leaf(g, rows, r => r.Txn, t => (long?)t.Version);
                Leaf(g, rows, r => r.Txn, t => t.LastUpdated);

                Leaf(g, rows, r => r.Add, a => a.Path);
                Leaf(g, rows, r => r.Add, a => Keys(a.PartitionValues?.Keys));
                Leaf(g, rows, r => r.Add, a => Values(a.PartitionValues?.Values));
                Leaf(g, rows, r => r.Add, a => (long?)a.Size);
                Leaf(g, rows, r => r.Add, a => (long?)a.ModificationTime);
                Leaf(g, rows, r => r.Add, a => (bool?)a.DataChange);
                Leaf(g, rows, r => r.Add, a => a.Stats);

                Leaf(g, rows, r => r.Remove, d => d.Path);
                Leaf(g, rows, r => r.Remove, d => d.DeletionTimestamp);
                Leaf(g, rows, r => r.Remove, d => (bool?)d.DataChange);
                Leaf(g, rows, r => r.Remove, d => d.ExtendedFileMetadata);
                Leaf(g, rows, r => r.Remove, d => Keys(d.PartitionValues?.Keys));
                Leaf(g, rows, r => r.Remove, d => Values(d.PartitionValues?.Values));
                Leaf(g, rows, r => r.Remove, d => d.Size);

                Leaf(g, rows, r => r.Metadata, m => m.Id);
                Leaf(g, rows, r => r.Metadata, m => m.Name);
                Leaf(g, rows, r => r.Metadata, m => (Nested<string>?)new Nested<string>(m.Format.Provider));
                Leaf(g, rows, r => r.Metadata, m => (Nested<string[]?>?)new Nested<string[]?>(Keys(m.Format.Options?.Keys)));
                Leaf(g, rows, r => r.Metadata, m => (Nested<string?[]?>?)new Nested<string?[]?>(Values(m.Format.Options?.Values)));
                Leaf(g, rows, r => r.Metadata, m => m.SchemaString);
                Leaf(g, rows, r => r.Metadata, m => m.PartitionColumns.ToArray());
                Leaf(g, rows, r => r.Metadata, m => Keys(m.Configuration?.Keys));
                Leaf(g, rows, r => r.Metadata, m => Values(m.Configuration?.Values));
                Leaf(g, rows, r => r.Metadata, m => m.CreatedTime);

                Leaf(g, rows, r => r.Protocol, p => (int?)p.MinReaderVersion);
                Leaf(g, rows, r => r.Protocol, p => (int?)p.MinWriterVersion);
            }
            file.Close();
        }
        return buffer.ToArray();
    }

    // A map is two leaf columns of equal-length arrays (ParquetSharp's map layout); a dictionary enumerates Keys and
    // Values in the same order.
    private static string[]? Keys(IEnumerable<string>? keys) => keys?.ToArray();

    private static string?[]? Values(IEnumerable<string?>? values) => values?.ToArray();

    /// <summary>The next leaf column: <paramref name="value"/> of each row holding a <typeparamref name="TAction"/>, null elsewhere.</summary>
    private static void Leaf<TAction, T>(RowGroupWriter rowGroup, IReadOnlyList<DeltaAction> rows, Func<DeltaAction, TAction?> kind,
        Func<TAction, T> value) where TAction : class
    {
        var column = new Nested<T>?[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            if (kind(rows[i]) is { } action) column[i] = new Nested<T>(value(action));
        using var writer = rowGroup.NextColumn();
        using var logical = writer.LogicalWriter<Nested<T>?>();
        logical.WriteBatch(column);
    }
}
