using System.Data.Common;
using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Project01.Lake.Delta;
using Project01.Lake.Schema;

namespace Project01.Lake.Sql;

/// <summary>A query result held in memory: column names and rows of CLR values (null for SQL NULL).</summary>
public sealed record SqlResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated);

/// <summary>What one untrusted query may use: DuckDB's memory limit and worker threads (it never spills to disk).</summary>
public sealed record ReadOnlySqlLimits(int MemoryMegabytes, int Threads)
{
    public static ReadOnlySqlLimits Default { get; } = new(256, 2);
}

/// <summary>
/// DuckDB over the lake: each Delta table becomes a view over exactly the Parquet files of one committed snapshot
/// (so uncommitted or removed files are never read), named <c>layer.table</c> and, when unambiguous, <c>table</c>.
/// </summary>
public sealed class LakeSql(Lakehouse lake)
{
    /// <summary>Opens an in-memory DuckDB connection with a view per table (latest versions unless pinned).</summary>
    public async Task<DuckDBConnection> OpenAsync(IReadOnlyDictionary<TableName, long>? versions = null, CancellationToken ct = default) =>
        (await OpenWithFilesAsync(versions, ct)).Connection;

    /// <summary>The connection, and the data files its views read (the only files a read-only query may touch).</summary>
    private async Task<(DuckDBConnection Connection, List<string> Files)> OpenWithFilesAsync(IReadOnlyDictionary<TableName, long>? versions, CancellationToken ct)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        var allFiles = new List<string>();
        await connection.OpenAsync(ct);
        try
        {
            await ExecuteAsync(connection, "SET TimeZone = 'UTC'", ct);
            var tables = await lake.ListTablesAsync(ct);
            var ambiguous = tables.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
            foreach (var name in tables)
            {
                var table = await lake.OpenTableAsync(name, ct);
                if (table is null) continue;
                var snapshot = versions?.TryGetValue(name, out var v) == true ? await table.SnapshotAtVersionAsync(v, ct) : await table.RefreshAsync(ct);
                var files = await table.LocalFilesAsync(snapshot, ct);
                allFiles.AddRange(files);
                var select = SelectFor(snapshot, files);
                await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {Quote(name.Layer)}", ct);
                await ExecuteAsync(connection, $"CREATE VIEW {Quote(name.Layer)}.{Quote(name.Name)} AS {select}", ct);
                if (!ambiguous.Contains(name.Name))
                    await ExecuteAsync(connection, $"CREATE VIEW main.{Quote(name.Name)} AS SELECT * FROM {Quote(name.Layer)}.{Quote(name.Name)}", ct);
            }
            return (connection, allFiles);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string SelectFor(DeltaSnapshot snapshot, IReadOnlyList<string> files)
    {
        var columns = string.Join(", ", snapshot.Schema.Fields.Select(f => $"CAST({Quote(f.Name)} AS {DuckType(f.Type)}) AS {Quote(f.Name)}"));
        if (files.Count == 0)
            return $"SELECT {string.Join(", ", snapshot.Schema.Fields.Select(f => $"CAST(NULL AS {DuckType(f.Type)}) AS {Quote(f.Name)}"))} WHERE false";
        var list = string.Join(", ", files.Select(Literal));
        var hive = snapshot.PartitionColumns.Count > 0 ? "true" : "false";
        return $"SELECT {columns} FROM read_parquet([{list}], hive_partitioning = {hive}, union_by_name = true)";
    }

    /// <summary>
    /// For callers that must not be trusted with more than reading (the HTTP endpoint): exactly one SELECT statement
    /// that may read only the data files of the tables' current snapshots (not removed files, not models or other
    /// artifacts, nothing outside the lake), no extension loading, at most <paramref name="maxRows"/> rows and
    /// <paramref name="timeout"/>, and the memory and threads of <paramref name="limits"/> with no spilling to disk.
    /// </summary>
    public async Task<SqlResult> QueryReadOnlyAsync(string sql, int maxRows, TimeSpan timeout, CancellationToken ct = default, ReadOnlySqlLimits? limits = null)
    {
        limits ??= ReadOnlySqlLimits.Default;
        var (connection, files) = await OpenWithFilesAsync(null, ct);
        await using var _ = connection;
        await RequireSingleSelectAsync(connection, sql, ct);
        await ExecuteAsync(connection, $"SET memory_limit = '{limits.MemoryMegabytes}MB'", ct);
        await ExecuteAsync(connection, $"SET threads = {limits.Threads}", ct);
        await ExecuteAsync(connection, "SET temp_directory = ''", ct);
        await ExecuteAsync(connection, "SET autoinstall_known_extensions = false", ct);
        await ExecuteAsync(connection, "SET autoload_known_extensions = false", ct);
        await ExecuteAsync(connection, "SET allowed_directories = []", ct);
        await ExecuteAsync(connection, $"SET allowed_paths = [{string.Join(", ", files.Select(Literal))}]", ct);
        await ExecuteAsync(connection, "SET enable_external_access = false", ct);
        await ExecuteAsync(connection, "SET lock_configuration = true", ct);
        return await QueryAsync(connection, sql, maxRows, timeout, ct);
    }

    // DuckDB serialises only SELECT statements; anything else (COPY, ATTACH, SET, INSERT…) comes back as an error.
    private static async Task RequireSingleSelectAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        var parsed = await QueryAsync(connection, "SELECT json_serialize_sql($sql::VARCHAR)", 1, TimeSpan.FromSeconds(5), ct, ("sql", sql));
        using var json = System.Text.Json.JsonDocument.Parse((string)parsed.Rows[0][0]!);
        var root = json.RootElement;
        if (root.TryGetProperty("error", out var error) && error.GetBoolean())
            throw new ReadOnlyQueryException(root.TryGetProperty("error_message", out var m) ? m.GetString() ?? "not a query" : "not a query");
        if (root.GetProperty("statements").GetArrayLength() != 1)
            throw new ReadOnlyQueryException("give exactly one SELECT statement");
    }

    /// <summary>Runs one query, keeping at most <paramref name="maxRows"/> rows and stopping after <paramref name="timeout"/>.</summary>
    public async Task<SqlResult> QueryAsync(string sql, int maxRows = int.MaxValue, TimeSpan? timeout = null,
        IReadOnlyDictionary<TableName, long>? versions = null, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(versions, ct);
        return await QueryAsync(connection, sql, maxRows, timeout, ct);
    }

    public static async Task<SqlResult> QueryAsync(DuckDBConnection connection, string sql, int maxRows, TimeSpan? timeout, CancellationToken ct,
        params (string Name, object? Value)[] parameters)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout is { } t) cts.CancelAfter(t);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.Add(new DuckDBParameter(name, value));
        await using var registration = cts.Token.Register(() => command.Cancel());
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cts.Token);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var rows = new List<object?[]>();
            var truncated = false;
            while (await reader.ReadAsync(cts.Token))
            {
                if (rows.Count == maxRows) { truncated = true; break; }
                var row = new object?[columns.Length];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            return new SqlResult(columns, rows, truncated);
        }
        catch (Exception e) when (cts.IsCancellationRequested && !ct.IsCancellationRequested && e is OperationCanceledException or DbException)
        {
            throw new TimeoutException($"query exceeded its time limit of {timeout?.TotalSeconds:0.###} s", e);
        }
    }

    /// <summary>RFC 4180 CSV with a header; timestamps ISO-8601 UTC, numbers invariant and round-trippable.</summary>
    public static void WriteCsv(SqlResult result, TextWriter output)
    {
        output.WriteLine(string.Join(',', result.Columns.Select(Escape)));
        foreach (var row in result.Rows) output.WriteLine(string.Join(',', row.Select(v => Escape(Format(v)))));
    }

    public static string Format(object? value) => value switch
    {
        null => "",
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset o => o.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Escape(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private static async Task ExecuteAsync(DuckDBConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A SQL string literal.</summary>
    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    public static string DuckType(LakeType type) => type switch
    {
        LakeType.String => "VARCHAR",
        LakeType.Double => "DOUBLE",
        LakeType.Long => "BIGINT",
        LakeType.Int => "INTEGER",
        LakeType.Bool => "BOOLEAN",
        LakeType.Timestamp => "TIMESTAMPTZ",
        LakeType.Date => "DATE",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}

/// <summary>A query refused by the read-only path (not a single SELECT).</summary>
public sealed class ReadOnlyQueryException(string reason) : Exception($"only a single SELECT statement is allowed: {reason}");
