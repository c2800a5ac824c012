namespace Project01.Core.Market;

public static class Symbols
{
    /// <summary>The S&P 500 index as bundled (Yahoo's ^GSPC).</summary>
    public const string Sp500 = "SPX";

    /// <summary>Symbols are upper-case ASCII letters, digits, '.', '-' or '^', 1–12 characters.</summary>
    public static bool IsValid(ReadOnlySpan<char> symbol)
    {
        if (symbol.Length is 0 or > 12) return false;
        foreach (var c in symbol)
            if (!(char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '^')) return false;
        return true;
    }

    public static string Normalize(string symbol) => symbol.Trim().ToUpperInvariant();
}
