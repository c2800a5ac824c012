namespace Project01.Contracts;

/// <summary>One OHLCV bar; <c>Time</c> is the bar's close (UTC; daily bars at 00:00 of the session date).</summary>
public sealed record BarDto(DateTime Time, double Open, double High, double Low, double Close, long Volume);

public sealed record BarsResponse(string Symbol, IReadOnlyList<BarDto> Bars);

public sealed record SymbolDto(string Symbol, long Bars, DateTime FirstBar, DateTime LastBar, DateTime LastIngested);

public sealed record ReplayRequest(string Dataset, double? Speed = null);

public sealed record ReplayJobDto(
    Guid Id, string Source, string State, double Speed, DateTime StartedAt, DateTime? FinishedAt,
    long Lines, long Produced, long DeadLettered, double? RecordsPerSecond, string? Error);

public sealed record LakeWriterStatusDto(long Written, long SkippedDuplicates, long DeadLettered, long Commits, long? LakeVersion, DateTime? LastCommitAt);
