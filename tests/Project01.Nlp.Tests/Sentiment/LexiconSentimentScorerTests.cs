using CsCheck;
using Project01.Nlp.Sentiment;
using Project01.Nlp.Sentiment.Lexicon;

namespace Project01.Nlp.Tests.Sentiment;

public sealed class LexiconSentimentScorerTests
{
    private static readonly LexiconSentimentScorer Scorer = new();
    private static readonly SentimentLexicon Lexicon = SentimentLexicon.Bundled();
    private const double Negation = -0.74;
    private const double Intensifier = 1.3;
    private const double Diminisher = 0.6;

    private static double Score(string text) => Scorer.Score(text).Score;

    [Fact]
    public void LoadsTheBundledFinanceLexicon()
    {
        Assert.InRange(Lexicon.Count, 3_400, 3_560);
        Assert.True(Lexicon.TryGetValence("good", out var good) && good == 3);
        Assert.True(Lexicon.TryGetValence("dont like", out var dontLike) && dontLike == -2);
        Assert.True(Lexicon.TryGetValence("better than expected", out var better) && better == 1);
        Assert.Equal(4, Lexicon.MaxPhraseWords); // once-in-a-lifetime
        Assert.Equal("lexicon:afinn-financialmarketnews", Scorer.Name);
    }

    [Theory]
    [InlineData("Profits rose and growth was excellent.", SentimentLabels.Positive)]
    [InlineData("Analysts are bullish after the upgrade.", SentimentLabels.Positive)]
    [InlineData("The company reported heavy losses and a terrible quarter.", SentimentLabels.Negative)]
    [InlineData("Shares plunged on fears of bankruptcy.", SentimentLabels.Negative)]
    [InlineData("The meeting is scheduled for Tuesday in Vienna.", SentimentLabels.Neutral)]
    public void LabelsPlainFinanceSentences(string text, string label)
    {
        var score = Scorer.Score(text);
        Assert.Equal(label, score.Label);
        Assert.Equal(Scorer.Name, score.Scorer);
    }

    [Fact]
    public void ASingleWordScoresItsValenceNormalisedLikeVader()
    {
        Assert.Equal(3, Scorer.Valence("good"));
        Assert.Equal(3 / Math.Sqrt(9 + 15), Score("good"), 1e-12);
        Assert.Equal(-3 / Math.Sqrt(9 + 15), Score("BAD"), 1e-12);
        Assert.Equal(5 / Math.Sqrt(25 + 15), Score("good profit"), 1e-12);
    }

    [Fact]
    public void NegationFlipsAndDampensTheFollowingWords()
    {
        Assert.True(Score("good") > 0);
        Assert.True(Score("not good") < 0);                           // the lexicon's own phrase, -2
        Assert.Equal(-2, Scorer.Valence("not good"));
        Assert.Equal(3 * Negation, Scorer.Valence("not great"), 1e-12); // no phrase: negation rule
        Assert.Equal(-3 * Negation, Scorer.Valence("not bad"), 1e-12);  // mildly positive, weaker than "good"
        Assert.True(Score("not bad") > 0 && Score("not bad") < Score("good"));
        Assert.Equal(2 * Negation, Scorer.Valence("sales weren't strong"), 1e-12);
        Assert.Equal(2 * Negation, Scorer.Valence("sales weren’t strong"), 1e-12); // typographic apostrophe
        Assert.Equal(2 * Negation, Scorer.Valence("we never saw growth"), 1e-12);
        Assert.Equal(2 * Negation, Scorer.Valence("without growth"), 1e-12);
    }

    [Fact]
    public void NegationScopeEndsAfterThreeWordsOrAtAClauseBoundary()
    {
        Assert.Equal(3 * Negation, Scorer.Valence("not at all great"), 1e-12);
        Assert.Equal(0, Scorer.Valence("not for the"));
        Assert.Equal(3, Scorer.Valence("not for the company great"));      // four words on: out of scope
        Assert.Equal(3, Scorer.Valence("Not now. Great"));
        Assert.Equal(3 * Negation + 3, Scorer.Valence("not great but good"), 1e-12);
    }

    [Fact]
    public void IntensifiersStrengthenAndDiminishersWeakenTheNextHit()
    {
        Assert.Equal(3 * Intensifier, Scorer.Valence("very good"), 1e-12);
        Assert.Equal(-3 * Intensifier, Scorer.Valence("extremely bad"), 1e-12);
        Assert.Equal(3 * Intensifier * Intensifier, Scorer.Valence("very very good"), 1e-12);
        Assert.Equal(-2 * Diminisher, Scorer.Valence("slightly weak"), 1e-12);
        Assert.Equal(2 * Diminisher, Scorer.Valence("somewhat strong"), 1e-12);
        Assert.Equal(3 * Intensifier * Negation, Scorer.Valence("not a very good year"), 1e-12);
        Assert.True(Score("very good") > Score("good") && Score("good") > Score("slightly good"));
        Assert.True(Score("extremely weak") < Score("weak") && Score("weak") < Score("somewhat weak"));
        // A modifier reaches two words at most and only the first hit after it.
        Assert.Equal(3 * Intensifier + 3, Scorer.Valence("very good, good"), 1e-12);
        Assert.Equal(3, Scorer.Valence("very for the good"));
    }

    [Fact]
    public void LexiconPhrasesMatchLongestFirst()
    {
        Assert.Equal(-2, Scorer.Valence("bad luck"));                 // not bad (-3) + luck
        Assert.Equal(1, Scorer.Valence("better-than-expected results"));
        Assert.Equal(1, Scorer.Valence("better than expected results"));
        Assert.Equal(-3, Scorer.Valence("the plan does not work"));  // a phrase, not "not" negating "work"
        Assert.Equal(-2, Scorer.Valence("Investors DON'T LIKE it"));
        Assert.Equal(3, Scorer.Valence("a step in the right direction"));
        Assert.Equal(-3, Scorer.Valence("a cover-up"));
        Assert.True(Score("bad luck") > Score("bad"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    [InlineData("... ,;!?")]
    [InlineData("The board meets on Tuesday.")]
    public void TextWithoutHitsIsNeutralZero(string text)
    {
        var score = Scorer.Score(text);
        Assert.Equal(0, score.Score);
        Assert.Equal(SentimentLabels.Neutral, score.Label);
    }

    [Fact]
    public void LabelThresholdsAreFiveHundredthsEitherSideOfZero()
    {
        Assert.Equal(SentimentLabels.Positive, Scorer.Label(0.05));
        Assert.Equal(SentimentLabels.Neutral, Scorer.Label(0.0499));
        Assert.Equal(SentimentLabels.Neutral, Scorer.Label(-0.0499));
        Assert.Equal(SentimentLabels.Negative, Scorer.Label(-0.05));
    }

    [Fact]
    public void ScoresAReutersArticleBatchInOrder()
    {
        var texts = Corpora.ReutersCorpus.Load().Select(a => a.FullText).ToArray();
        var batch = Scorer.Score(texts);
        Assert.Equal(texts.Length, batch.Count);
        for (var i = 0; i < texts.Length; i++) Assert.Equal(Scorer.Score(texts[i]), batch[i]);
        Assert.Contains(batch, s => s.Label == SentimentLabels.Positive);
        Assert.Contains(batch, s => s.Label == SentimentLabels.Negative);
    }

    [Fact]
    public void ABadLexiconLineNamesTheSourceAndLine()
    {
        var e = Assert.Throws<FormatException>(() => SentimentLexicon.Load(new StringReader("word,score\ngood,3\nbad\n"), "mine.csv", "mine"));
        Assert.StartsWith("mine.csv:3:", e.Message);
    }

    private static readonly string[] Words =
    [
        .. Lexicon.Entries.Keys.Where(k => !k.Contains(' ')).Take(400),
        .. ScoringModifiers.Negators, .. ScoringModifiers.Intensifiers, .. ScoringModifiers.Diminishers,
        "the", "company", "said", "oil", ",", ".", "!", "but", "n't",
    ];

    [Fact]
    public void ScoresStayInsideMinusOneToOneAndLabelsFollowTheScore()
    {
        Gen.OneOf(Words).Array[0, 60].Select(ws => string.Join(' ', ws)).Sample(text =>
        {
            var score = Scorer.Score(text);
            Assert.InRange(score.Score, -1, 1);
            Assert.Equal(Math.Sign(Scorer.Valence(text)), Math.Sign(score.Score));
            Assert.Equal(score.Score >= 0.05 ? SentimentLabels.Positive : score.Score <= -0.05 ? SentimentLabels.Negative : SentimentLabels.Neutral, score.Label);
        });
    }

    [Fact]
    public void NegatingASingleWordFlipsItsSign()
    {
        var singles = Lexicon.Entries.Where(e => !e.Key.Contains(' ') && e.Value != 0 && !ScoringModifiers.Negators.Contains(e.Key)
            && !Lexicon.TryGetValence("not " + e.Key, out _)).Select(e => e.Key).ToArray();
        Gen.OneOf(singles).Sample(word =>
            Assert.Equal(Scorer.Valence(word) * Negation, Scorer.Valence("not " + word), 1e-12));
    }
}
