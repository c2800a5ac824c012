namespace Project01.Ingestion.Import;

/// <summary>One symbol's series from one file, as imported (or held back).</summary>
/// <param name="Interval">1d, or the bar spacing such as 1m or 5m.</param>
/// <param name="SplitsApplied">Splits from the splits file that were back-adjusted, as "2020-08-31 4:1".</param>
/// <param name="SuspectedSplits">Split-like jumps left after adjustment, in words.</param>
/// <param name="Rejected">Rows of this symbol rejected (a file named by its symbol: all its bad rows; else those whose
/// symbol could be read).</param>
public sealed record ImportedSeries(string Symbol, string File, VendorFormat Format, string Interval, long Rows, DateTime? First, DateTime? Last,
    IReadOnlyList<string> SplitsApplied, IReadOnlyList<string> SuspectedSplits, bool HeldBack, long Rejected);

/// <summary>One file: its format, the rows it gave and the rows rejected; <paramref name="Error"/> when the whole file was refused.</summary>
public sealed record ImportedFile(string File, VendorFormat Format, long Rows, long Rejected, string? Error);

public sealed record ImportSummary(IReadOnlyList<ImportedFile> Files, IReadOnlyList<ImportedSeries> Series)
{
    public long Rows => Series.Where(s => !s.HeldBack).Sum(s => s.Rows);
    public long Rejected => Files.Sum(f => f.Rejected);
    public long HeldBackRows => Series.Where(s => s.HeldBack).Sum(s => s.Rows);
}

public readonly record struct ImportProgress(int FilesDone, int Files, long Rows);
