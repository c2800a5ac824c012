using System.Text.Json.Serialization;
using Project01.Core.Market;
using Project01.Ingestion.Import;

namespace Project01.Cli.Commands.Import;

/// <summary>The JSON <c>p01 import</c> prints: totals, each series and each file (snake_case, times in UTC ISO 8601).</summary>
public sealed record ImportJson(
    [property: JsonPropertyName("files")] int Files,
    [property: JsonPropertyName("symbols")] int Symbols,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("held_back")] long HeldBack,
    [property: JsonPropertyName("dead_letters")] string DeadLetters,
    [property: JsonPropertyName("series")] IReadOnlyList<ImportJson.Series> SeriesList,
    [property: JsonPropertyName("file_results")] IReadOnlyList<ImportJson.File> FileResults)
{
    public sealed record Series(
        [property: JsonPropertyName("symbol")] string Symbol,
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("interval")] string Interval,
        [property: JsonPropertyName("rows")] long Rows,
        [property: JsonPropertyName("first")] string? First,
        [property: JsonPropertyName("last")] string? Last,
        [property: JsonPropertyName("rejected")] long Rejected,
        [property: JsonPropertyName("splits_adjusted")] IReadOnlyList<string> SplitsAdjusted,
        [property: JsonPropertyName("split_like_jumps")] IReadOnlyList<string> Jumps,
        [property: JsonPropertyName("status")] string Status);

    public sealed record File(
        [property: JsonPropertyName("file")] string Name,
        [property: JsonPropertyName("format")] string Format,
        [property: JsonPropertyName("rows")] long Rows,
        [property: JsonPropertyName("rejected")] long Rejected,
        [property: JsonPropertyName("error")] string? Error);

    public static ImportJson From(ImportSummary summary, string deadLetters) => new(
        summary.Files.Count, summary.Series.Where(s => !s.HeldBack).Select(s => s.Symbol).Distinct().Count(), summary.Rows, summary.Rejected,
        summary.HeldBackRows, deadLetters,
        summary.Series.Select(s => new Series(s.Symbol, s.File, Name(s.Format), s.Interval, s.Rows, Time(s.First), Time(s.Last), s.Rejected,
            s.SplitsApplied, s.SuspectedSplits, s.HeldBack ? "held_back" : "imported")).ToList(),
        summary.Files.Select(f => new File(f.File, Name(f.Format), f.Rows, f.Rejected, f.Error)).ToList());

    private static string Name(VendorFormat format) => format.ToString().ToLowerInvariant();

    private static string? Time(DateTime? t) => t is { } v ? MarketTimestamp.Format(v, daily: false) : null;
}
