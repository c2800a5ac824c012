using Project01.Core.Market;

namespace Project01.Core.Data;

/// <summary>The real data compiled into the product (see data/README.md for provenance).</summary>
public static class BundledData
{
    public const string Sp500Daily = "sp500-daily-2000-2020.csv";
    public const string DowJones30Daily = "dowjones30-daily-close-1991-2000.csv";
    public const string UsMacroQuarterly = "us-macro-quarterly-1959-2009.csv";
    public const string Reuters1987News = "reuters-1987-news.jsonl";
    public const string FinanceLexicon = "lexicon-afinn-financialmarketnews.csv";

    public static IReadOnlyList<string> Names { get; } = [Sp500Daily, DowJones30Daily, UsMacroQuarterly, Reuters1987News, FinanceLexicon];

    public static Stream Open(string name) =>
        typeof(BundledData).Assembly.GetManifestResourceStream($"Project01.Data.{name}")
        ?? throw new FileNotFoundException($"'{name}' is not bundled; bundled: {string.Join(", ", Names)}");

    public static TextReader OpenText(string name) => new StreamReader(Open(name));

    /// <summary>The bundled S&P 500 daily bars as symbol <see cref="Symbols.Sp500"/>.</summary>
    public static IReadOnlyList<Bar> Sp500Bars()
    {
        using var reader = OpenText(Sp500Daily);
        return new MarketCsvReader(Sp500Daily, Symbols.Sp500).ReadStrict(reader).ToList();
    }
}
