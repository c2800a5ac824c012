using System.Text.RegularExpressions;

namespace Project01.Benchmarks.Sentiment;

/// <summary>
/// A WordPiece vocabulary holding every lower-cased word and punctuation mark of a corpus, so BERT's tokeniser yields
/// about one token per word. A real uncased BERT vocabulary splits rare words into pieces, so it yields somewhat more
/// tokens on the same text (and costs somewhat more per document).
/// </summary>
public static partial class CorpusVocabulary
{
    public static string Write(IEnumerable<string> texts, string directory)
    {
        string[] special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
        var words = texts.SelectMany(t => Words().Matches(t.ToLowerInvariant()).Select(m => m.Value)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var path = Path.Combine(directory, "vocab.txt");
        File.WriteAllLines(path, special.Concat(words));
        return path;
    }

    // BERT's basic tokenisation: runs of characters that are neither space nor punctuation/symbol, or one such mark.
    [GeneratedRegex(@"[^\s\p{P}\p{S}]+|[\p{P}\p{S}]")]
    private static partial Regex Words();
}
