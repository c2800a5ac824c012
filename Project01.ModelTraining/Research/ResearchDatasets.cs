using Project01.Core.Data;
using Project01.Core.Market;

namespace Project01.ModelTraining.Research;

/// <summary>The bundled datasets research jobs run on, by short name, with the split dates a tuning job uses unless told.</summary>
public static class ResearchDatasets
{
    public const string Sp500 = "sp500";
    public const string Dow30 = "dow30";

    private static readonly Dictionary<string, (string File, string TrainEnd, string ValidEnd)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        [Sp500] = (BundledData.Sp500Daily, "2014-12-31", "2016-12-31"),
        [Dow30] = (BundledData.DowJones30Daily, "1997-12-31", "1998-12-31"),
    };

    public static IReadOnlyCollection<string> Names => Known.Keys;

    public static bool Exists(string name) => Known.ContainsKey(name);

    public static string FileOf(string name) => Known.TryGetValue(name, out var d)
        ? d.File
        : throw new InvalidResearchRequestException("dataset", $"unknown dataset '{name}'; bundled: {string.Join(", ", Known.Keys)}");

    public static (string TrainEnd, string ValidEnd) DefaultSplit(string name) => Known.TryGetValue(name, out var d) ? (d.TrainEnd, d.ValidEnd) : throw new KeyNotFoundException(name);

    /// <summary>The dataset's bars (a file without a symbol column reads as symbol SPX).</summary>
    public static IReadOnlyList<Bar> Bars(string name)
    {
        var file = FileOf(name);
        using var reader = BundledData.OpenText(file);
        return new MarketCsvReader(file, Symbols.Sp500).ReadStrict(reader).ToList();
    }

    /// <summary>The dataset's id as studies record it: file name and content hash.</summary>
    public static async Task<string> IdAsync(string name, CancellationToken ct)
    {
        var file = FileOf(name);
        await using var content = BundledData.Open(file);
        return await Tuning.RecordedTuning.DatasetIdAsync(file, content, ct);
    }
}
