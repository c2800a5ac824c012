namespace Project01.Contracts;

/// <summary>One OHLCV bar; <c>Time</c> is the bar's close (UTC; daily bars at 00:00 of the session date).</summary>
public sealed record BarDto(DateTime Time, double Open, double High, double Low, double Close, long Volume);

public sealed record BarsResponse(string Symbol, IReadOnlyList<BarDto> Bars);

/// <param name="Interval">1d for a daily series; 1m … 1h for an intraday one (the same symbol may have both).</param>
public sealed record SymbolDto(string Symbol, long Bars, DateTime FirstBar, DateTime LastBar, DateTime LastIngested, string Interval = "1d");

public sealed record ReplayRequest(string Dataset, double? Speed = null);

public sealed record ReplayJobDto(
    Guid Id, string Source, string State, double Speed, DateTime StartedAt, DateTime? FinishedAt,
    long Lines, long Produced, long DeadLettered, double? RecordsPerSecond, string? Error);

public sealed record LakeWriterStatusDto(long Written, long SkippedDuplicates, long DeadLettered, long Commits, long? LakeVersion, DateTime? LastCommitAt);

public sealed record LakeTableDto(string Name, long Version, DateTimeOffset LastCommit, long Records, int Files, IReadOnlyList<string> PartitionColumns,
    IReadOnlyList<LakeColumnDto> Columns);

public sealed record LakeColumnDto(string Name, string Type, bool Nullable);

public sealed record SqlRequest(string Query, int? MaxRows = null);

public sealed record SqlResponse(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, bool Truncated, double ElapsedMs);

/// <summary>A consumer group's backlog on one topic: end offsets − committed offsets over its partitions.</summary>
public sealed record ConsumerLagDto(string Group, string Topic, int Partitions, long EndOffset, long Committed, long Lag);
