namespace Project01.Nlp.Entities;

public enum EntityLinkMethod
{
    /// <summary><c>$MSFT</c>: the writer named the symbol explicitly.</summary>
    Cashtag,

    /// <summary>A company name or alias from the directory ("Exxon", "Philip Morris").</summary>
    CompanyName,

    /// <summary>A bare upper-case ticker ("GE", or Reuters' "&lt;XON&gt;"), current or historical.</summary>
    Ticker,
}

/// <summary>One link from a span of text to a symbol: <paramref name="Offset"/> is the index of
/// <paramref name="Text"/> in the input (UTF-16 code units).</summary>
public sealed record EntityMatch(string Symbol, string Text, int Offset, EntityLinkMethod Method)
{
    public int Length => Text.Length;
}
