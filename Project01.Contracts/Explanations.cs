namespace Project01.Contracts;

/// <summary>
/// Why the point forecast is what it is: <see cref="BaseValue"/> (the model's answer when no input is known: its mean
/// over the training rows) plus one contribution per input adds up to the forecast's value. <see cref="Method"/> says
/// how contributions are defined: <c>tree_shap</c> (exact TreeSHAP, unknown inputs integrated over the training rows
/// through each tree node) or <c>linear</c> (weight × distance of the input from its training mean).
/// Contributions are sorted by size, largest first.
/// </summary>
public sealed record ForecastExplanationDto(string Method, double BaseValue, IReadOnlyList<FeatureContributionDto> Contributions);

/// <summary>One input's value in the forecast and what it added to (or took from) the base value.</summary>
public sealed record FeatureContributionDto(string Feature, double Value, double Contribution);
