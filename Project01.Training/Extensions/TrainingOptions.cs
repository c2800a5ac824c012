using System.ComponentModel.DataAnnotations;

namespace Project01.Training.Extensions;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Queue a training job by itself when the offline features change and then settle.</summary>
    public bool AutoTrain { get; set; } = true;

    /// <summary>How long the feature watermarks must stay still before new data counts as settled.</summary>
    [Range(0, 3600)]
    public int SettleSeconds { get; set; } = 5;

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 2;

    /// <summary>The models auto-training keeps current, as <c>&lt;target&gt;-&lt;algorithm&gt;</c> names (e.g. vol5-har);
    /// unset means <see cref="DefaultModels"/>, the models the inference API serves. (Null by default: the configuration
    /// binder would append to a pre-filled array rather than replace it.)</summary>
    public string[]? Models { get; set; }

    public IReadOnlyList<string> ModelsOrDefault => Models is { Length: > 0 } models ? models : DefaultModels;

    /// <summary>Both targets: next-day returns by LightGBM, and 5-day volatility by whichever of HAR-RV, ridge and
    /// LightGBM is best on the validation span ("auto").</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["ret1-lightgbm", "vol5-auto"];

    /// <summary>The models kept current for every intraday price view that has features (<c>price_5m_v1</c> …), as
    /// daily names: <c>ret1-lightgbm</c> becomes <c>ret1-lightgbm-5m</c> there. Unset: next-bar return by LightGBM.</summary>
    public string[]? IntradayModels { get; set; }

    public IReadOnlyList<string> IntradayModelsOrDefault => IntradayModels ?? ["ret1-lightgbm"];
}
