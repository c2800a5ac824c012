using Project01.Core.Data;
using Project01.Core.Market;

namespace Project01.Ingestion.Replay;

/// <summary>A file of bars to replay: where it is read from, its id in the lake's <c>source</c> column, and the
/// symbol for files without a symbol column.</summary>
public sealed record ReplayInput(string SourceId, string DisplayName, string DefaultSymbol, Func<TextReader> Open)
{
    /// <summary>Bundled datasets by short name.</summary>
    public static IReadOnlyDictionary<string, (string File, string Symbol)> Datasets { get; } = new Dictionary<string, (string, string)>(StringComparer.OrdinalIgnoreCase)
    {
        ["sp500"] = (BundledData.Sp500Daily, Symbols.Sp500),
        ["dow30"] = (BundledData.DowJones30Daily, ""),
    };

    public static ReplayInput Bundled(string dataset)
    {
        if (!Datasets.TryGetValue(dataset, out var d))
            throw new ArgumentException($"unknown dataset '{dataset}'; bundled: {string.Join(", ", Datasets.Keys)}");
        return new ReplayInput($"replay:{d.File}", d.File, d.Symbol, () => BundledData.OpenText(d.File));
    }

    public static ReplayInput File(string path, string symbol)
    {
        var full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full)) throw new FileNotFoundException($"replay file not found: {full}", full);
        return new ReplayInput($"replay:{Path.GetFileName(full)}", full, symbol, () => new StreamReader(full));
    }
}
