using System.Text.RegularExpressions;

namespace Project01.Nlp.Entities;

/// <summary>
/// Finds the symbols a text talks about, three ways, in this order of trust (an overlapping weaker match is dropped):
/// <list type="number">
/// <item>cashtags, <c>$MSFT</c> (any case), resolved through current and historical tickers;</item>
/// <item>company names and aliases from the directory, longest first, as written or in capitals (news headings are
/// upper case), with any whitespace between words (wire text wraps lines);</item>
/// <item>bare upper-case tickers. Bracketed ones, Reuters' "&lt;XON&gt;" or "(GE)", always count. Unbracketed ones
/// must not be in the stop-list, not be a single letter, and in an all-capitals line (a heading, where every word
/// looks like a ticker) must have three letters or more.</item>
/// </list>
/// </summary>
public sealed partial class EntityLinker
{
    private readonly CompanyDirectory _directory;
    private readonly IReadOnlySet<string> _stopList;
    private readonly Regex _names;
    private readonly Dictionary<string, string> _nameToSymbol = new(StringComparer.Ordinal);

    public EntityLinker(CompanyDirectory directory, IReadOnlySet<string>? stopList = null)
    {
        _directory = directory;
        _stopList = stopList ?? TickerStopList.Default;
        foreach (var (alias, symbol) in directory.Names)
        {
            _nameToSymbol.TryAdd(alias, symbol);
            _nameToSymbol.TryAdd(alias.ToUpperInvariant(), symbol);
        }
        var alternatives = _nameToSymbol.Keys
            .OrderByDescending(a => a.Length)
            .Select(a => string.Join(@"\s+", a.Split(' ').Select(Regex.Escape)));
        _names = new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])", RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }

    public EntityLinker() : this(CompanyDirectory.Dow30())
    {
    }

    public CompanyDirectory Directory => _directory;

    /// <summary>All links, ordered by offset.</summary>
    public IReadOnlyList<EntityMatch> Link(string text)
    {
        var candidates = new List<EntityMatch>();
        foreach (Match m in Cashtag().Matches(text))
            if (_directory.Tickers.TryGetValue(m.Groups[1].Value.ToUpperInvariant(), out var symbol))
                candidates.Add(new EntityMatch(symbol, m.Value, m.Index, EntityLinkMethod.Cashtag));
        foreach (Match m in _names.Matches(text))
            if (_nameToSymbol.TryGetValue(Whitespace().Replace(m.Value, " "), out var symbol))
                candidates.Add(new EntityMatch(symbol, m.Value, m.Index, EntityLinkMethod.CompanyName));
        foreach (Match m in UpperWord().Matches(text))
            if (_directory.Tickers.TryGetValue(m.Value, out var symbol) && AcceptsBareTicker(text, m))
                candidates.Add(new EntityMatch(symbol, m.Value, m.Index, EntityLinkMethod.Ticker));

        // Candidates arrive grouped by method, strongest first: keep each unless a stronger one covers part of it.
        var kept = new List<EntityMatch>();
        foreach (var c in candidates)
            if (!kept.Any(k => c.Offset < k.Offset + k.Length && k.Offset < c.Offset + c.Length))
                kept.Add(c);
        return [.. kept.OrderBy(k => k.Offset)];
    }

    /// <summary>The distinct symbols linked, in order of first mention.</summary>
    public IReadOnlyList<string> Symbols(string text) => [.. Link(text).Select(m => m.Symbol).Distinct()];

    private bool AcceptsBareTicker(string text, Match m)
    {
        var start = m.Index;
        var end = m.Index + m.Length;
        var bracketed = start > 0 && end < text.Length && (text[start - 1], text[end]) is ('<', '>') or ('(', ')');
        if (bracketed) return true;
        if (m.Length == 1 || _stopList.Contains(m.Value)) return false;
        return m.Length >= 3 || !IsAllCapitalsLine(text, start);
    }

    private static bool IsAllCapitalsLine(string text, int index)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        var lineEnd = text.IndexOf('\n', index);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
        int letters = 0, upper = 0;
        foreach (var c in line)
        {
            if (!char.IsLetter(c)) continue;
            letters++;
            if (char.IsUpper(c)) upper++;
        }
        // A line of a few capitals ("GE and GM") is not a heading; a long one with almost no lower case is.
        return letters >= 12 && upper >= 0.9 * letters;
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}$])\$([A-Za-z]{1,6}(?:\.[A-Za-z]{1,2})?)(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Cashtag();

    // '&' binds letters into one word, so the T of "AT&T" is not a ticker; '$' leaves cashtags to Cashtag().
    [GeneratedRegex(@"(?<![\p{L}\p{N}$&])[A-Z]{1,5}(?![\p{L}\p{N}&])", RegexOptions.CultureInvariant)]
    private static partial Regex UpperWord();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
