namespace Project01.Nlp.Entities;

/// <summary>
/// Upper-case words that are not taken as bare tickers: English words, common finance and news abbreviations, and
/// tickers that double as them (AA is a credit rating, DD due diligence, MO Missouri, IP intellectual property, PG a
/// film rating). One-letter tickers (T, C) are never taken bare either. Cashtags and Reuters-style bracketed tickers
/// ("&lt;T&gt;", "(C)") still link, and so do the companies' names.
/// </summary>
public static class TickerStopList
{
    public static IReadOnlySet<string> Default { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AA", "DD", "MO", "IP", "PG",
        "AI", "AM", "AN", "AS", "AT", "BE", "BY", "DO", "GO", "HE", "IF", "IN", "IS", "IT", "ME", "MY", "NO", "OF", "OK",
        "ON", "OR", "PM", "SO", "TO", "TV", "UP", "US", "WE", "UK", "EU", "UN", "PE",
        "ALL", "AND", "ANY", "ARE", "BIG", "BUY", "CAN", "FOR", "HAS", "NEW", "NOT", "NOW", "ONE", "OUT", "SEE", "THE",
        "TWO", "WAS", "YOU", "HOLD", "SELL", "CEO", "CFO", "COO", "CTO", "USA", "NYSE", "OPEC", "GDP", "CPI", "PPI",
        "IPO", "ETF", "SEC", "FED", "FDA", "EPS", "FTC", "IMF", "LBO", "MLN", "BLN", "PCT", "DLRS", "BPD", "QTR", "INC",
        "CORP", "LTD", "CO",
    };
}
