using Project01.Nlp.Sentiment.Onnx;
using Project01.Tests.Onnx;
using Project01.Tests;

namespace Project01.Nlp.Tests.Sentiment;

public sealed class BertInputEncoderTests
{
    private static readonly string Vocab = TestVocabulary.WriteTo(TestPaths.NewTempDirectory("vocab"));

    private static BertInputEncoder Encoder(int maxLength = 512, bool lowerCase = true) => new(Vocab, maxLength, lowerCase);

    [Fact]
    public void SplitsUnknownWholeWordsIntoKnownPiecesGreedilyLongestFirst()
    {
        // The example from the BERT paper's WordPiece description.
        Assert.Equal(["[CLS]", "un", "##aff", "##able", "[SEP]"], Encoder().Tokens("unaffable"));
        Assert.Equal(TestVocabulary.Encode("un", "##aff", "##able"), Encoder().Encode("unaffable"));
    }

    [Fact]
    public void LowerCasesAndSplitsPunctuationIntoItsOwnTokens()
    {
        Assert.Equal(["[CLS]", "profit", "rose", "!", "[SEP]"], Encoder().Tokens("Profit ROSE!"));
        Assert.Equal(["[CLS]", "gain", "##s", ",", "shares", "rose", ".", "[SEP]"], Encoder().Tokens("gains,shares rose."));
        Assert.Equal(["[CLS]", "play", "##ing", "-", "play", "##ed", "[SEP]"], Encoder().Tokens("playing-played"));
    }

    [Fact]
    public void AWordWithNoPieceDecompositionBecomesOneUnknownToken()
    {
        // BERT maps the whole word to [UNK], not the pieces it could match ("un" + an unknown rest).
        Assert.Equal(["[CLS]", "profit", "[UNK]", "[UNK]", "[SEP]"], Encoder().Tokens("profit xyzzy unzzz"));
    }

    [Fact]
    public void UncasedEncodingAlsoStripsAccentsButCasedEncodingKeepsBoth()
    {
        Assert.Equal(["[CLS]", "profit", "rose", "[SEP]"], Encoder().Tokens("PRÓFIT rosé"));
        Assert.Equal(["[CLS]", "[UNK]", "rose", "[SEP]"], Encoder(lowerCase: false).Tokens("Profit rose"));
        Assert.Equal(["[CLS]", "profit", "[UNK]", "[SEP]"], Encoder(lowerCase: false).Tokens("profit rosé"));
    }

    [Fact]
    public void EmptyTextIsJustTheSpecialTokens()
    {
        Assert.Equal(TestVocabulary.Encode(), Encoder().Encode(""));
        Assert.Equal(TestVocabulary.Encode(), Encoder().Encode("   \n "));
    }

    [Fact]
    public void TruncatesWordPiecesToTheMaximumLengthKeepingClsAndSep()
    {
        var encoder = Encoder(maxLength: 5);
        // Five ids: [CLS], three pieces, [SEP]; the cut may fall inside a word, as in Hugging Face's truncation.
        Assert.Equal(["[CLS]", "the", "un", "##aff", "[SEP]"], encoder.Tokens("the unaffable company"));
        Assert.Equal(5, encoder.Encode(string.Join(' ', Enumerable.Repeat("profit", 100))).Length);
        Assert.Equal(TestVocabulary.Encode("profit"), encoder.Encode("profit"));
    }

    [Fact]
    public void ReportsTheSpecialTokenIdsOfTheVocabulary()
    {
        var encoder = Encoder();
        Assert.Equal(TestVocabulary.Id("[PAD]"), encoder.PaddingId);
        Assert.Equal(TestVocabulary.Id("[CLS]"), encoder.ClassificationId);
        Assert.Equal(TestVocabulary.Id("[SEP]"), encoder.SeparatorId);
        Assert.Equal(TestVocabulary.Id("[UNK]"), encoder.UnknownId);
    }

    [Fact]
    public void RejectsAMaximumLengthWithNoRoomForSpecialTokens() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Encoder(maxLength: 1));
}
