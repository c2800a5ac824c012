using ParquetSharp;

namespace Project01.Lake.Delta;

/// <summary>
/// Reads the actions of a checkpoint Parquet file. Leaf columns are found by path, so column order does not matter and
/// a missing column reads as null, as the protocol asks; a row's action kind is the struct whose key field is set.
/// </summary>
internal static class CheckpointReader
{
    /// <summary>The actions this lake tracks, and the file's row count (what <c>_last_checkpoint</c>'s size counts).</summary>
    public static (IReadOnlyList<DeltaAction> Actions, long Rows) Read(byte[] content, string path)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var file = new ParquetFileReader(stream);
        var columns = new Columns(file, path);
        var actions = new List<DeltaAction>(columns.Rows);

        var appId = columns.Read<string?>("txn.appId");
        var txnVersion = columns.Read<long?>("txn.version");
        var txnUpdated = columns.Read<long?>("txn.lastUpdated");

        var addPath = columns.Read<string?>("add.path");
        var addKeys = columns.Read<string[]?>("add.partitionValues.key_value.key");
        var addValues = columns.Read<string?[]?>("add.partitionValues.key_value.value");
        var addSize = columns.Read<long?>("add.size");
        var addModified = columns.Read<long?>("add.modificationTime");
        var addDataChange = columns.Read<bool?>("add.dataChange");
        var addStats = columns.Read<string?>("add.stats");

        var removePath = columns.Read<string?>("remove.path");
        var removeDeleted = columns.Read<long?>("remove.deletionTimestamp");
        var removeDataChange = columns.Read<bool?>("remove.dataChange");
        var removeExtended = columns.Read<bool?>("remove.extendedFileMetadata");
        var removeKeys = columns.Read<string[]?>("remove.partitionValues.key_value.key");
        var removeValues = columns.Read<string?[]?>("remove.partitionValues.key_value.value");
        var removeSize = columns.Read<long?>("remove.size");

        var id = columns.Read<string?>("metaData.id");
        var name = columns.Read<string?>("metaData.name");
        var provider = columns.Read<string?>("metaData.format.provider");
        var optionKeys = columns.Read<string[]?>("metaData.format.options.key_value.key");
        var optionValues = columns.Read<string?[]?>("metaData.format.options.key_value.value");
        var schemaString = columns.Read<string?>("metaData.schemaString");
        var partitionColumns = columns.Read<string[]?>("metaData.partitionColumns.list.element");
        var configKeys = columns.Read<string[]?>("metaData.configuration.key_value.key");
        var configValues = columns.Read<string?[]?>("metaData.configuration.key_value.value");
        var createdTime = columns.Read<long?>("metaData.createdTime");

        var minReader = columns.Read<int?>("protocol.minReaderVersion");
        var minWriter = columns.Read<int?>("protocol.minWriterVersion");

        for (var r = 0; r < columns.Rows; r++)
        {
            T Required<T>(T? value, string column) where T : struct =>
                value ?? throw new InvalidDataException($"{path}: row {r} has no {column}");

            if (appId[r] is { } app)
                actions.Add(new DeltaAction { Txn = new TxnAction(app, Required(txnVersion[r], "txn.version"), txnUpdated[r]) });
            else if (addPath[r] is { } added)
                actions.Add(new DeltaAction
                {
                    Add = new AddAction(added, Map(addKeys[r], addValues[r], path) ?? [], Required(addSize[r], "add.size"),
                        Required(addModified[r], "add.modificationTime"), Required(addDataChange[r], "add.dataChange"), addStats[r]),
                });
            else if (removePath[r] is { } removed)
                actions.Add(new DeltaAction
                {
                    Remove = new RemoveAction(removed, removeDeleted[r], removeDataChange[r] ?? false, removeExtended[r],
                        Map(removeKeys[r], removeValues[r], path), removeSize[r]),
                });
            else if (id[r] is { } tableId)
                actions.Add(new DeltaAction
                {
                    Metadata = new MetadataAction(tableId, name[r], new FormatSpec(provider[r] ?? "parquet", NonNull(Map(optionKeys[r], optionValues[r], path))),
                        schemaString[r] ?? throw new InvalidDataException($"{path}: row {r} has no metaData.schemaString"),
                        partitionColumns[r] ?? [], NonNull(Map(configKeys[r], configValues[r], path)), createdTime[r]),
                });
            else if (minReader[r] is { } reader)
                actions.Add(new DeltaAction { Protocol = new ProtocolAction(reader, Required(minWriter[r], "protocol.minWriterVersion")) });
            // Anything else is an action this lake does not track (e.g. domainMetadata): skipped, like unknown JSON actions.
        }
        return (actions, columns.Rows);
    }

    private static Dictionary<string, string?>? Map(string[]? keys, string?[]? values, string path)
    {
        if (keys is null) return null;
        if (values is null || values.Length != keys.Length) throw new InvalidDataException($"{path}: a map has {keys.Length} keys but {values?.Length ?? 0} values");
        var map = new Dictionary<string, string?>(keys.Length, StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) map[keys[i]] = values[i];
        return map;
    }

    private static Dictionary<string, string> NonNull(Dictionary<string, string?>? map) =>
        map?.ToDictionary(p => p.Key, p => p.Value ?? "", StringComparer.Ordinal) ?? [];

    /// <summary>Reads whole leaf columns across row groups, unwrapped: a null element is an absent struct or field.</summary>
    private sealed class Columns(ParquetFileReader file, string path)
    {
        private readonly FileMetaData _metadata = file.FileMetaData;

        public int Rows { get; } = checked((int)file.FileMetaData.NumRows);

        public T[] Read<T>(string column)
        {
            var result = new T[Rows];
            var index = _metadata.Schema.ColumnIndex(column);
            if (index < 0) return result;
            var offset = 0;
            for (var g = 0; g < _metadata.NumRowGroups; g++)
            {
                using var rowGroup = file.RowGroup(g);
                var count = checked((int)rowGroup.MetaData.NumRows);
                using var reader = rowGroup.Column(index);
                using var logical = reader.LogicalReader<T>();
                var read = 0;
                while (read < count)
                {
                    var n = logical.ReadBatch(result.AsSpan(offset + read, count - read));
                    if (n == 0) throw new InvalidDataException($"{path}: column {column} ends early in row group {g}");
                    read += n;
                }
                offset += count;
            }
            return result;
        }
    }
}
