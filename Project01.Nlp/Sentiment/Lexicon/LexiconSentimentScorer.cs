namespace Project01.Nlp.Sentiment.Lexicon;

/// <summary>
/// The offline default scorer: finance lexicon valences with phrase matching (longest first), negation, intensifiers
/// and diminishers, normalised into [-1, 1] as <see cref="LexiconScoringOptions"/> documents. No model, no network,
/// microseconds per text; weaker than FinBERT on subtle wording.
/// </summary>
public sealed class LexiconSentimentScorer(SentimentLexicon lexicon, LexiconScoringOptions? options = null) : ISentimentScorer
{
    private readonly LexiconScoringOptions _options = options ?? LexiconScoringOptions.Default;

    public LexiconSentimentScorer() : this(SentimentLexicon.Bundled())
    {
    }

    public string Name { get; } = $"lexicon:{lexicon.Name}";

    public IReadOnlyList<SentimentScore> Score(IReadOnlyList<string> texts)
    {
        var scores = new SentimentScore[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var score = Normalize(Valence(texts[i]));
            scores[i] = new SentimentScore(Label(score), score, Name);
        }
        return scores;
    }

    /// <summary>s / √(s² + α): in (−1, 1), odd, increasing, 0 at 0.</summary>
    public double Normalize(double valence) => valence / Math.Sqrt(valence * valence + _options.Alpha);

    public string Label(double score) =>
        score >= _options.NeutralBand ? SentimentLabels.Positive
        : score <= -_options.NeutralBand ? SentimentLabels.Negative
        : SentimentLabels.Neutral;

    /// <summary>The summed valence of a text's hits after negation and modifiers, before normalisation.</summary>
    public double Valence(string text)
    {
        var tokens = LexiconTokenizer.Tokenize(text);
        double sum = 0;
        var negationLeft = 0;   // words still inside a negator's scope
        var modifierLeft = 0;   // words still inside an intensifier's or diminisher's reach
        var modifier = 1.0;
        var i = 0;
        while (i < tokens.Count)
        {
            var token = tokens[i];
            if (token.IsBoundary || ScoringModifiers.ClauseBreaks.Contains(token.Text))
            {
                (negationLeft, modifierLeft, modifier) = (0, 0, 1);
                i++;
                continue;
            }

            // Phrases first, so lexicon phrases that contain a negator ("not good", "no fun") keep their own valence.
            var (words, valence) = lexicon.MatchPhrase(tokens, i);
            if (words == 0)
            {
                words = 1;
                if (ScoringModifiers.Negators.Contains(token.Text))
                {
                    negationLeft = _options.NegationWindow;
                    i++;
                    continue;
                }
                if (!lexicon.TryGetValence(token.Text, out valence))
                {
                    var factor = ScoringModifiers.Intensifiers.Contains(token.Text) ? _options.IntensifierFactor
                        : ScoringModifiers.Diminishers.Contains(token.Text) ? _options.DiminisherFactor
                        : 0;
                    if (factor != 0)
                    {
                        modifier *= factor;
                        modifierLeft = _options.ModifierWindow;
                    }
                    else if (--modifierLeft <= 0)
                    {
                        (modifierLeft, modifier) = (0, 1);
                    }
                    negationLeft = Math.Max(0, negationLeft - 1);
                    i++;
                    continue;
                }
            }

            var hit = valence * (modifierLeft > 0 ? modifier : 1);
            if (negationLeft > 0) hit *= _options.NegationFactor;
            sum += hit;
            (modifierLeft, modifier) = (0, 1);
            negationLeft = Math.Max(0, negationLeft - words);
            i += words;
        }
        return sum;
    }
}
