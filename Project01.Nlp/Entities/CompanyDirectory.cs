using Project01.Core.Market;

namespace Project01.Nlp.Entities;

/// <summary>A symbol universe with company names and tickers (current and historical) that refer to each symbol.</summary>
public sealed class CompanyDirectory
{
    public const string BundledDow30 = "dow30-companies.csv";

    private CompanyDirectory(IReadOnlySet<string> symbols, IReadOnlyDictionary<string, string> names, IReadOnlyDictionary<string, string> tickers)
    {
        Symbols = symbols;
        Names = names;
        Tickers = tickers;
    }

    public IReadOnlySet<string> Symbols { get; }

    /// <summary>Alias (as written, single-spaced) → symbol.</summary>
    public IReadOnlyDictionary<string, string> Names { get; }

    /// <summary>Ticker → symbol: every symbol itself plus historical tickers (Exxon traded as XON until 1999).</summary>
    public IReadOnlyDictionary<string, string> Tickers { get; }

    private static readonly Lazy<CompanyDirectory> Dow30Directory = new(() =>
    {
        using var stream = typeof(CompanyDirectory).Assembly.GetManifestResourceStream($"Project01.Nlp.{BundledDow30}")
            ?? throw new FileNotFoundException($"'{BundledDow30}' is not embedded in Project01.Nlp");
        using var reader = new StreamReader(stream);
        return Load(reader, BundledDow30);
    });

    /// <summary>The 30 Dow stocks of 1991–2000 (the bundled price panel's universe) and SPX, with names of that era.</summary>
    public static CompanyDirectory Dow30() => Dow30Directory.Value;

    /// <summary>Reads <c>symbol,alias,kind</c> rows (kind: name or ticker) after a header line.</summary>
    public static CompanyDirectory Load(TextReader csv, string source)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var tickers = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (csv.ReadLine() is { } line)
        {
            if (++lineNumber == 1 || line.Length == 0) continue;
            var fields = line.Split(',');
            if (fields.Length != 3) throw new FormatException($"{source}:{lineNumber}: expected symbol,alias,kind, got '{line}'");
            var (symbol, alias, kind) = (fields[0].Trim(), string.Join(' ', fields[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)), fields[2].Trim());
            if (!Core.Market.Symbols.IsValid(symbol)) throw new FormatException($"{source}:{lineNumber}: '{symbol}' is not a valid symbol");
            if (alias.Length == 0) throw new FormatException($"{source}:{lineNumber}: empty alias");
            symbols.Add(symbol);
            tickers.TryAdd(symbol, symbol);
            var map = kind switch
            {
                "name" => names,
                "ticker" => tickers,
                _ => throw new FormatException($"{source}:{lineNumber}: kind must be 'name' or 'ticker', got '{kind}'"),
            };
            if (map.TryGetValue(alias, out var other) && other != symbol)
                throw new FormatException($"{source}:{lineNumber}: '{alias}' already refers to {other}");
            map[alias] = symbol;
        }
        return new CompanyDirectory(symbols, names, tickers);
    }
}
