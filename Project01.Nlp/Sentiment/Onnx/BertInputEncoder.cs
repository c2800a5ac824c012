using Microsoft.ML.Tokenizers;

namespace Project01.Nlp.Sentiment.Onnx;

/// <summary>
/// Text to BERT model inputs with Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>: basic tokenisation
/// (optional lower-casing and accent stripping, punctuation split), WordPiece with "##" continuations and [UNK], then
/// [CLS] … [SEP]. Truncation keeps the first <c>maxLength − 2</c> word pieces, as Hugging Face's
/// <c>truncation=True</c> does.
/// </summary>
public sealed class BertInputEncoder
{
    private readonly BertTokenizer _tokenizer;
    private readonly string[] _vocabulary;
    private readonly bool _foldAccents;

    public BertInputEncoder(string vocabPath, int maxLength = 512, bool lowerCase = true)
    {
        if (maxLength < 2) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "room for [CLS] and [SEP] is needed");
        // Accents are stripped exactly when lower-casing, as Hugging Face's BertTokenizer does by default.
        _tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = lowerCase });
        _vocabulary = File.ReadAllLines(vocabPath);
        MaxLength = maxLength;
        _foldAccents = lowerCase;
    }

    public int MaxLength { get; }
    public int PaddingId => _tokenizer.PaddingTokenId;
    public int ClassificationId => _tokenizer.ClassificationTokenId;
    public int SeparatorId => _tokenizer.SeparatorTokenId;
    public int UnknownId => _tokenizer.UnknownTokenId;

    /// <summary>[CLS] word pieces… [SEP], at most <see cref="MaxLength"/> ids.</summary>
    public int[] Encode(string text)
    {
        var pieces = _tokenizer.EncodeToIds(_foldAccents ? AccentFolding.Fold(text) : text, addSpecialTokens: false);
        var kept = Math.Min(pieces.Count, MaxLength - 2);
        var ids = new int[kept + 2];
        ids[0] = ClassificationId;
        for (var i = 0; i < kept; i++) ids[i + 1] = pieces[i];
        ids[^1] = SeparatorId;
        return ids;
    }

    /// <summary>The word pieces as strings (with [CLS]/[SEP]), for inspection and tests.</summary>
    public IReadOnlyList<string> Tokens(string text) => [.. Encode(text).Select(id => _vocabulary[id])];
}
