using System.ComponentModel.DataAnnotations;
using Project01.ModelRegistry.Registry;

namespace Project01.Inference.Extensions;

public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>Try ONNX Runtime's CUDA execution provider first (the default: serving ships the GPU build); where CUDA is
    /// missing the session falls back to the CPU, logged and shown in <c>/v1/models</c>.</summary>
    public bool PreferCuda { get; set; } = true;

    /// <summary>Registry models to serve, one per target (<c>&lt;target&gt;-&lt;algorithm&gt;</c>); unset means the models the
    /// training service keeps current by default: ret1-lightgbm and vol5-auto (the volatility model chosen on validation). (Null by default: the configuration binder appends to a pre-filled array instead of replacing it.)</summary>
    public string[]? Models { get; set; }

    public IReadOnlyList<string> ModelsOrDefault => Models is { Length: > 0 } models ? models : DefaultModels;

    /// <summary>What training keeps current (ret1-lightgbm, vol5-auto: they answer for their targets), then the deep
    /// forecasters, served by name beside them (<c>?model=vol5-tft</c>) once someone trains one.</summary>
    public static IReadOnlyList<string> DefaultModels { get; } = ["ret1-lightgbm", "vol5-auto", "vol5-tft", "vol5-deepar", "ret1-tft", "ret1-deepar"];

    /// <summary>Models served for each intraday interval that has features, named as daily ones (ret1-lightgbm is then
    /// served as ret1-lightgbm-5m for 5-minute bars); unset means ret1-lightgbm, what training keeps current there.</summary>
    public string[]? IntradayModels { get; set; }

    public IReadOnlyList<string> IntradayModelsOrDefault => IntradayModels ?? ["ret1-lightgbm"];

    /// <summary>The alias that answers requests.</summary>
    [Required]
    public string Alias { get; set; } = Aliases.Champion;

    /// <summary>The alias scored in the champion's shadow (logged, never returned); empty to turn shadowing off.</summary>
    public string ShadowAlias { get; set; } = Aliases.Challenger;

    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 2;

    [Range(1, 100_000)]
    public int MaxBatchSymbols { get; set; } = 1_000;

    [Range(1, 1_000_000)]
    public int MaxPredictRows { get; set; } = 10_000;
}
