namespace Project01.Nlp.Sentiment.Lexicon;

/// <summary>A lower-cased word, or a clause boundary (. , ; : ! ?) that ends negation and intensifier scope.</summary>
public readonly record struct LexiconToken(string Text, bool IsBoundary)
{
    public static LexiconToken Boundary { get; } = new("", true);
}

/// <summary>
/// Splits text the same way the lexicon's own entries are split, so phrases match token for token: words are runs of
/// letters and digits, lower-cased; apostrophes inside a word are dropped ("don't" → "dont", "’" too); hyphens split
/// ("better-than-expected" → better, than, expected, which the lexicon then holds as a three-word phrase); '.' and ','
/// between digits stay in the number ("1.50"); other punctuation ends a clause.
/// </summary>
public static class LexiconTokenizer
{
    public static List<LexiconToken> Tokenize(string text)
    {
        var tokens = new List<LexiconToken>();
        var word = new System.Text.StringBuilder();
        void Flush()
        {
            if (word.Length == 0) return;
            tokens.Add(new LexiconToken(word.ToString(), false));
            word.Clear();
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            var prevLetter = i > 0 && char.IsLetterOrDigit(text[i - 1]);
            var nextLetter = i + 1 < text.Length && char.IsLetterOrDigit(text[i + 1]);
            if (c is '\'' or '’' && prevLetter && nextLetter) continue;
            if (c is '.' or ',' && prevLetter && nextLetter && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))
            {
                word.Append(c);
                continue;
            }
            Flush();
            if (c is '.' or ',' or ';' or ':' or '!' or '?' && (tokens.Count == 0 || !tokens[^1].IsBoundary))
                tokens.Add(LexiconToken.Boundary);
        }
        Flush();
        return tokens;
    }

    /// <summary>The words of a lexicon entry, joined by one space: the key it is stored under.</summary>
    public static string Key(string entry) => string.Join(' ', Tokenize(entry).Where(t => !t.IsBoundary).Select(t => t.Text));
}
