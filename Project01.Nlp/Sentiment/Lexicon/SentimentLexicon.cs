using System.Globalization;
using Project01.Core.Data;

namespace Project01.Nlp.Sentiment.Lexicon;

/// <summary>
/// Word and phrase valences (AFINN scale, −5..+5). Entries are stored under their tokenised form (see
/// <see cref="LexiconTokenizer"/>), so "don't" and "dont", "better-than-expected" and "better than expected" are one key.
/// </summary>
public sealed class SentimentLexicon
{
    private readonly Dictionary<string, double> _valences;

    // Phrases by first word, longest first: most words start none, so matching costs one lookup per word.
    private readonly Dictionary<string, (string[] Words, double Valence)[]> _phrasesByFirstWord;

    private SentimentLexicon(string name, Dictionary<string, double> valences)
    {
        Name = name;
        _valences = valences;
        MaxPhraseWords = valences.Keys.Max(k => k.Count(c => c == ' ') + 1);
        _phrasesByFirstWord = valences.Where(e => e.Key.Contains(' '))
            .Select(e => (Words: e.Key.Split(' '), e.Value))
            .GroupBy(p => p.Words[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Words.Length).ToArray(), StringComparer.Ordinal);
    }

    public string Name { get; }
    public int Count => _valences.Count;

    /// <summary>Every entry by its tokenised key (words joined by one space).</summary>
    public IReadOnlyDictionary<string, double> Entries => _valences;

    /// <summary>The longest entry in words: how far ahead a phrase match has to look.</summary>
    public int MaxPhraseWords { get; }

    private static readonly Lazy<SentimentLexicon> BundledLexicon = new(() =>
    {
        using var reader = BundledData.OpenText(BundledData.FinanceLexicon);
        return Load(reader, BundledData.FinanceLexicon, "afinn-financialmarketnews");
    });

    /// <summary>AFINN-165 with finance-market terms, bundled in Project01.Core (see data/README.md).</summary>
    public static SentimentLexicon Bundled() => BundledLexicon.Value;

    /// <summary>Reads <c>word,score</c> lines (a header line is skipped). When two entries tokenise to one key the first
    /// wins; an unreadable line throws with the file and line.</summary>
    public static SentimentLexicon Load(TextReader csv, string source, string name)
    {
        var valences = new Dictionary<string, double>(StringComparer.Ordinal);
        var lineNumber = 0;
        while (csv.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0 || (lineNumber == 1 && line.StartsWith("word,", StringComparison.OrdinalIgnoreCase))) continue;
            var comma = line.LastIndexOf(',');
            if (comma <= 0 || !double.TryParse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var valence))
                throw new FormatException($"{source}:{lineNumber}: expected 'word,score', got '{line}'");
            var key = LexiconTokenizer.Key(line[..comma]);
            if (key.Length > 0) valences.TryAdd(key, valence);
        }
        if (valences.Count == 0) throw new FormatException($"{source}: no entries");
        return new SentimentLexicon(name, valences);
    }

    public bool TryGetValence(string key, out double valence) => _valences.TryGetValue(key, out valence);

    /// <summary>The longest entry of two or more words starting at <paramref name="start"/> (never across a clause
    /// boundary): its length in tokens and valence, or (0, 0).</summary>
    public (int Words, double Valence) MatchPhrase(IReadOnlyList<LexiconToken> tokens, int start)
    {
        if (tokens[start].IsBoundary || !_phrasesByFirstWord.TryGetValue(tokens[start].Text, out var phrases)) return (0, 0);
        foreach (var (words, valence) in phrases)
        {
            if (start + words.Length > tokens.Count) continue;
            var matches = true;
            for (var i = 1; i < words.Length && matches; i++)
                matches = !tokens[start + i].IsBoundary && tokens[start + i].Text == words[i];
            if (matches) return (words.Length, valence);
        }
        return (0, 0);
    }
}
