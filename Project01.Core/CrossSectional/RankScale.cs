namespace Project01.Core.CrossSectional;

/// <summary>How <see cref="CrossSection.Rank"/> reports ranks among the m values that are numbers.</summary>
public enum RankScale
{
    /// <summary>(rank − 1)/(m − 1): the lowest is 0, the highest 1, a lone value 0.5; comparable across dates with different m.</summary>
    Fraction,

    /// <summary>1..m, ties averaged (R's <c>rank(x, ties.method = "average")</c>).</summary>
    Ordinal,
}
