using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Project01.Lake.Data;
using Project01.Lake.Parquet;
using Project01.Lake.Schema;
using Project01.Lake.Storage;

namespace Project01.Lake.Delta;

public sealed record CommitResult(long Version, int FilesAdded, long RowsAdded, bool AlreadyCommitted);

/// <summary>
/// A Delta table: Parquet data files plus the transaction log. Writers put data files first (invisible until
/// referenced), then race to create the next log file; the loser re-reads the log and tries the next version.
/// Application transactions (<c>txn</c>: appId → version) make appends idempotent, e.g. per Kafka partition offset.
/// </summary>
public sealed class DeltaTable
{
    private const int MaxCommitAttempts = 50;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private DeltaTable(DeltaLog log, DeltaSnapshot snapshot, string name)
    {
        Log = log;
        Current = snapshot;
        Name = name;
    }

    public DeltaLog Log { get; }
    public string Name { get; }
    public string Path => Log.TablePath;
    public ILakeStorage Storage => Log.Storage;

    /// <summary>The latest snapshot this instance has seen; <see cref="RefreshAsync"/> reads newer commits.</summary>
    public DeltaSnapshot Current { get; private set; }

    public static async Task<DeltaTable?> OpenAsync(ILakeStorage storage, string path, CancellationToken ct = default)
    {
        var log = new DeltaLog(storage, path);
        var snapshot = await log.SnapshotAsync(null, ct);
        return snapshot is null ? null : new DeltaTable(log, snapshot, path);
    }

    public static async Task<DeltaTable> CreateOrOpenAsync(ILakeStorage storage, string path, LakeSchema schema,
        IReadOnlyList<string>? partitionColumns = null, CancellationToken ct = default)
    {
        partitionColumns ??= [];
        foreach (var p in partitionColumns)
        {
            if (schema.IndexOf(p) < 0) throw new ArgumentException($"partition column '{p}' is not in the schema");
            if (schema[p].Type is not (LakeType.String or LakeType.Date or LakeType.Int or LakeType.Long))
                throw new ArgumentException($"partition column '{p}' must be string, date, int or long");
        }
        var existing = await OpenAsync(storage, path, ct);
        if (existing is not null) return existing;

        var log = new DeltaLog(storage, path);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var metadata = new MetadataAction(Guid.NewGuid().ToString(), path.Split('/')[^1], new FormatSpec("parquet", []),
            schema.ToDeltaJson(), partitionColumns, [], now);
        var actions = new List<DeltaAction>
        {
            new() { CommitInfo = CommitInfo("CREATE TABLE", now, new JsonObject { ["partitionBy"] = new JsonArray([.. partitionColumns.Select(p => (JsonNode)p)]) }) },
            new() { Protocol = new ProtocolAction(1, 2) },
            new() { Metadata = metadata },
        };
        await storage.TryCreateAsync(log.CommitPath(0), DeltaJson.SerializeCommit(actions), ct);
        // Whether we or a concurrent creator won, the table now exists.
        return await OpenAsync(storage, path, ct) ?? throw new InvalidOperationException($"table '{path}' vanished after creation");
    }

    public async Task<DeltaSnapshot> RefreshAsync(CancellationToken ct = default)
    {
        Current = await Log.UpdateAsync(Current, null, ct);
        return Current;
    }

    /// <summary>Time travel by version.</summary>
    public async Task<DeltaSnapshot> SnapshotAtVersionAsync(long version, CancellationToken ct = default) =>
        await Log.SnapshotAsync(version, ct) ?? throw new InvalidOperationException($"table '{Name}' no longer exists");

    /// <summary>Time travel by timestamp: the latest version committed at or before <paramref name="asOf"/>.</summary>
    public async Task<DeltaSnapshot> SnapshotAsOfAsync(DateTimeOffset asOf, CancellationToken ct = default)
    {
        var history = await Log.HistoryAsync(ct);
        var match = history.LastOrDefault(h => h.Timestamp <= asOf);
        if (match == default)
            throw new ArgumentOutOfRangeException(nameof(asOf), $"table '{Name}' has no version at or before {asOf:O}; it was created at {history[0].Timestamp:O}");
        return (await Log.SnapshotAsync(match.Version, ct))!;
    }

    /// <summary>
    /// Appends rows. The batch's columns are matched to the table's by name; an incompatible schema throws
    /// <see cref="SchemaMismatchException"/> before anything is written. With <paramref name="transactions"/>, the
    /// commit also records appId → version, and is skipped (AlreadyCommitted) if the table already holds a version at
    /// least as high for every one of them. When it holds that for only some, or (given <paramref name="transactionStarts"/>,
    /// the lowest version each appId's rows in this batch carry) a version inside this batch's range, part of the batch
    /// is already in the table: <see cref="TransactionOverlapException"/>, nothing written, so no row is lost or doubled.
    /// </summary>
    public async Task<CommitResult> AppendAsync(RecordBatch batch, IReadOnlyDictionary<string, long>? transactions = null,
        CancellationToken ct = default, IReadOnlyDictionary<string, long>? transactionStarts = null)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await RefreshAsync(ct);
            if (Current.Schema.IncompatibilityWith(batch.Schema) is { } problem) throw new SchemaMismatchException(Name, problem);
            if (transactions is not null && AlreadyCommitted(Current, transactions, transactionStarts)) return new CommitResult(Current.Version, 0, 0, true);
            if (batch.Length == 0 && transactions is null) return new CommitResult(Current.Version, 0, 0, false);

            var conformed = SameLayout(Current.Schema, batch.Schema) ? batch : RecordBatch.Concat(Current.Schema, [batch]);
            var adds = await WriteFilesAsync(conformed, ct);
            var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var actions = new List<DeltaAction>
            {
                new() { CommitInfo = CommitInfo("WRITE", now, new JsonObject { ["mode"] = "Append" }, isBlindAppend: transactions is null) },
            };
            actions.AddRange(transactions?.Select(t => new DeltaAction { Txn = new TxnAction(t.Key, t.Value, now) }) ?? []);
            actions.AddRange(adds.Select(a => new DeltaAction { Add = a }));

            DeltaSnapshot? result;
            try
            {
                result = await CommitAsync(actions, latest => transactions is null || !AlreadyCommitted(latest, transactions, transactionStarts), ct);
            }
            catch (TransactionOverlapException)
            {
                foreach (var a in adds) await Storage.DeleteAsync($"{Path}/{a.Path}", ct);
                throw;
            }
            if (result is null)
            {
                foreach (var a in adds) await Storage.DeleteAsync($"{Path}/{a.Path}", ct); // someone else committed these offsets
                return new CommitResult(Current.Version, 0, 0, true);
            }
            return new CommitResult(result.Version, adds.Count, conformed.Length, false);
        }
        finally
        {
            _gate.Release();
        }
    }

    // Column order, types and nullability already as the table's: the batch can be written as it is, without a copy.
    private static bool SameLayout(LakeSchema table, LakeSchema batch) =>
        table.Fields.Count == batch.Fields.Count && table.Fields.Zip(batch.Fields).All(p => p.First.Name == p.Second.Name && p.First.Type == p.Second.Type
            && p.First.Nullable == p.Second.Nullable);

    /// <summary>True when every transaction is covered; false when none is touched; throws when they overlap in part.</summary>
    private bool AlreadyCommitted(DeltaSnapshot snapshot, IReadOnlyDictionary<string, long> transactions, IReadOnlyDictionary<string, long>? starts)
    {
        var covered = transactions.Where(t => snapshot.TransactionVersion(t.Key) >= t.Value).Select(t => t.Key).ToList();
        if (covered.Count == transactions.Count) return true;
        var partly = transactions.Where(t => starts is not null && starts.TryGetValue(t.Key, out var start)
            && snapshot.TransactionVersion(t.Key) >= start && snapshot.TransactionVersion(t.Key) < t.Value).Select(t => t.Key).ToList();
        if (covered.Count == 0 && partly.Count == 0) return false;
        throw new TransactionOverlapException(Name, [.. covered.Concat(partly).Select(k => $"{k} at {snapshot.TransactionVersion(k)}")]);
    }

    /// <summary>
    /// Commits actions at the next free version. <paramref name="stillValid"/> re-checks a lost race against the newer
    /// snapshot: returning false abandons the commit (result null).
    /// </summary>
    public async Task<DeltaSnapshot?> CommitAsync(IReadOnlyList<DeltaAction> actions, Func<DeltaSnapshot, bool>? stillValid, CancellationToken ct)
    {
        var content = DeltaJson.SerializeCommit(actions);
        for (var attempt = 1; attempt <= MaxCommitAttempts; attempt++)
        {
            var version = Current.Version + 1;
            if (await Storage.TryCreateAsync(Log.CommitPath(version), content, ct))
            {
                Current = Current.Apply(version, actions, DateTimeOffset.UtcNow);
                // Every N-th version, so opening the table reads a checkpoint and a few commits; never fails the commit.
                await Log.Checkpoints.TryWriteAfterCommitAsync(Current, ct);
                return Current;
            }
            await RefreshAsync(ct);
            if (stillValid is not null && !stillValid(Current)) return null;
        }
        throw new CommitConflictException(Name, MaxCommitAttempts);
    }

    /// <summary>Writes a batch as Parquet data files, one per partition value (not yet visible: nothing is committed).</summary>
    internal async Task<List<AddAction>> WriteFilesAsync(RecordBatch batch, CancellationToken ct, bool dataChange = true)
    {
        var adds = new List<AddAction>();
        foreach (var (values, rows) in GroupByPartition(batch))
        {
            var part = rows.Count == batch.Length ? batch : batch.Take(rows);
            foreach (var p in Current.PartitionColumns) part = part.Without(p);
            var dir = string.Concat(values.Select(v => $"{v.Key}={v.Value}/"));
            var relative = $"{dir}part-{Guid.NewGuid():N}.snappy.parquet";
            var size = await Storage.WriteNewAsync($"{Path}/{relative}", s => ParquetFiles.Write(s, part), ct);
            adds.Add(new AddAction(relative, values.ToDictionary(v => v.Key, v => (string?)v.Value), size,
                DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), dataChange, Statistics.Compute(part).ToJson()));
        }
        return adds;
    }

    private IEnumerable<(List<KeyValuePair<string, string>> Values, List<int> Rows)> GroupByPartition(RecordBatch batch)
    {
        var columns = Current.PartitionColumns;
        if (columns.Count == 0)
        {
            yield return ([], Enumerable.Range(0, batch.Length).ToList());
            yield break;
        }
        var groups = new Dictionary<string, (List<KeyValuePair<string, string>>, List<int>)>(StringComparer.Ordinal);
        var arrays = columns.Select(c => batch.Columns[batch.Schema.IndexOf(c)]).ToArray();
        for (var r = 0; r < batch.Length; r++)
        {
            var values = new List<KeyValuePair<string, string>>(columns.Count);
            for (var c = 0; c < columns.Count; c++) values.Add(new(columns[c], PartitionValues.Format(arrays[c].GetValue(r), columns[c])));
            var key = string.Join('/', values.Select(v => v.Value));
            if (!groups.TryGetValue(key, out var g)) groups[key] = g = (values, []);
            g.Item2.Add(r);
        }
        foreach (var g in groups.Values) yield return g;
    }

    /// <summary>Reads every live file of a snapshot, with partition columns restored.</summary>
    public IAsyncEnumerable<RecordBatch> ReadAsync(DeltaSnapshot snapshot, CancellationToken ct = default) => ReadAsync(snapshot, null, ct);

    /// <summary>Reads the live files whose partition values match <paramref name="partitions"/> (all when null).</summary>
    public async IAsyncEnumerable<RecordBatch> ReadAsync(DeltaSnapshot snapshot, IReadOnlyDictionary<string, string>? partitions,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var dataSchema = new LakeSchema(snapshot.Schema.Fields.Where(f => !snapshot.PartitionColumns.Contains(f.Name)));
        var files = snapshot.Files.Where(f => partitions is null || partitions.All(p => f.PartitionValues.GetValueOrDefault(p.Key) == p.Value));
        foreach (var file in files.OrderBy(f => f.ModificationTime).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            var batch = await ReadFileAsync(snapshot, file, dataSchema, ct);
            foreach (var p in snapshot.PartitionColumns)
            {
                var field = snapshot.Schema[p];
                batch = batch.With(field, PartitionValues.Array(field, file.PartitionValues.GetValueOrDefault(p), batch.Length));
            }
            yield return RecordBatch.Concat(snapshot.Schema, [batch]);
        }
    }

    /// <summary>One data file of a snapshot, without its partition columns.</summary>
    internal async Task<RecordBatch> ReadFileAsync(DeltaSnapshot snapshot, AddAction file, LakeSchema dataSchema, CancellationToken ct)
    {
        var local = await Storage.GetLocalPathAsync($"{Path}/{Uri.UnescapeDataString(file.Path)}", ct);
        try
        {
            return ParquetFiles.Read(local, dataSchema);
        }
        catch (Exception e) when (!File.Exists(local))
        {
            throw new FileNotFoundException(
                $"table '{Name}' version {snapshot.Version}: data file {file.Path} is gone (vacuumed after its retention period?)", local, e);
        }
    }

    /// <summary>Local paths of a snapshot's live files (for DuckDB).</summary>
    public async Task<IReadOnlyList<string>> LocalFilesAsync(DeltaSnapshot snapshot, CancellationToken ct = default)
    {
        var result = new List<string>(snapshot.Files.Count);
        foreach (var f in snapshot.Files) result.Add(await Storage.GetLocalPathAsync($"{Path}/{Uri.UnescapeDataString(f.Path)}", ct));
        return result;
    }

    internal static JsonObject CommitInfo(string operation, long timestamp, JsonObject parameters, bool? isBlindAppend = null)
    {
        var info = new JsonObject
        {
            ["timestamp"] = timestamp,
            ["operation"] = operation,
            ["operationParameters"] = parameters,
            ["engineInfo"] = "Project01.Lake/1.0",
        };
        if (isBlindAppend is { } b) info["isBlindAppend"] = b;
        return info;
    }
}
