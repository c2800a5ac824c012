namespace Project01.Core.Market;

/// <summary>A data file rejected at a precise place: file, 1-based line and field name.</summary>
public sealed class CsvDataException(string source, long line, string field, string reason)
    : Exception($"{source}:{line}: field '{field}': {reason}")
{
    public string Source_ { get; } = source;
    public long Line { get; } = line;
    public string Field { get; } = field;
    public string Reason { get; } = reason;
}

/// <summary>Why one row could not be read; kept with the raw text so it can be dead-lettered.</summary>
public sealed record CsvRowError(string Source, long Line, string Field, string Reason, string RawLine)
{
    public override string ToString() => $"{Source}:{Line}: field '{Field}': {Reason}";

    public CsvDataException ToException() => new(Source, Line, Field, Reason);
}
