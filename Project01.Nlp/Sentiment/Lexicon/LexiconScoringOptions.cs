namespace Project01.Nlp.Sentiment.Lexicon;

/// <summary>
/// How lexicon hits combine into a score. The defaults follow VADER (Hutto &amp; Gilbert, 2014), rescaled to AFINN's
/// −5..+5 valences:
/// <list type="bullet">
/// <item>a negator (not, no, never, without, n't…) multiplies the valence of hits in the next
/// <see cref="NegationWindow"/> words of its clause by <see cref="NegationFactor"/> (−0.74: flipped and dampened, so
/// "not bad" is mildly positive, not as positive as "good");</item>
/// <item>an intensifier (very, extremely…) multiplies the next hit within <see cref="ModifierWindow"/> words by
/// <see cref="IntensifierFactor"/>, a diminisher (slightly, somewhat…) by <see cref="DiminisherFactor"/>; they chain
/// ("very very good");</item>
/// <item>the summed valence s becomes s / √(s² + <see cref="Alpha"/>), VADER's compound normalisation: 0 stays 0,
/// the sign is kept, |score| &lt; 1 always, and one strong word ("good", +3) gives 0.61 while many push towards ±1;</item>
/// <item>score ≥ <see cref="NeutralBand"/> is positive, ≤ −<see cref="NeutralBand"/> negative, else neutral (VADER's
/// 0.05 compound thresholds).</item>
/// </list>
/// </summary>
public sealed record LexiconScoringOptions
{
    public double Alpha { get; init; } = 15;
    public double NegationFactor { get; init; } = -0.74;
    public int NegationWindow { get; init; } = 3;
    public double IntensifierFactor { get; init; } = 1.3;
    public double DiminisherFactor { get; init; } = 0.6;
    public int ModifierWindow { get; init; } = 2;
    public double NeutralBand { get; init; } = 0.05;

    public static LexiconScoringOptions Default { get; } = new();
}
