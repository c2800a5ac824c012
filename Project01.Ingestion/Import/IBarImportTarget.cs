using Project01.Core.Market;

namespace Project01.Ingestion.Import;

/// <summary>Where an import lands: the running platform's <c>ticks</c> topic, or the lake directly.</summary>
public interface IBarImportTarget
{
    /// <summary>Writes one file's accepted bars (each symbol's with its interval: daily and intraday bars go apart) and
    /// dead-letters its rejected rows (with their reasons); a source id names the file so the same file written twice
    /// is recognised.</summary>
    Task WriteAsync(string sourceId, IReadOnlyList<ParsedBar> accepted, IReadOnlyDictionary<string, BarInterval> intervals,
        IReadOnlyList<CsvRowError> rejected, CancellationToken ct);

    /// <summary>Where rejected rows go, for the summary.</summary>
    string DeadLetters { get; }
}
