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

/// <summary>
/// A Temporal Fusion Transformer's interpretable weights for one forecast (Lim et al. 2021): the variable-selection
/// weight of each input, averaged over the lookback (they sum to 1), and the attention the forecast paid to each bar of
/// the lookback, oldest first (<see cref="LookbackWeightDto.BarsAgo"/>; averaged over heads, the rest went to the forecast
/// step itself). Weights, not contributions: they say where the model looked, not how much each input moved the value.
/// </summary>
public sealed record ForecastAttentionDto(IReadOnlyList<VariableWeightDto> Variables, IReadOnlyList<LookbackWeightDto> Lookback);

public sealed record VariableWeightDto(string Feature, double Value, double Weight);

public sealed record LookbackWeightDto(int BarsAgo, double Weight);
