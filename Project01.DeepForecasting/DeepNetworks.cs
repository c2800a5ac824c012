using Project01.DeepForecasting.Networks;
using Project01.DeepForecasting.Networks.DeepAr;
using Project01.DeepForecasting.Networks.Tft;

namespace Project01.DeepForecasting;

/// <summary>The deep forecasters by name, as the CLI, the training API and the registry spell them.</summary>
public static class DeepNetworks
{
    public const string DeepAr = "deepar";
    public const string Tft = "tft";

    public static IReadOnlyList<string> Algorithms { get; } = [Tft, DeepAr];

    public static bool IsDeep(string algorithm) => Algorithms.Contains(algorithm.ToLowerInvariant());

    public static Func<NetworkShape, DeepConfig, IDeepNetwork> Builder(string algorithm) => algorithm.ToLowerInvariant() switch
    {
        DeepAr => (shape, config) => new DeepArNetwork(shape, config),
        Tft => (shape, config) => new TemporalFusionTransformer(shape, config),
        _ => throw new ArgumentException($"unknown deep model '{algorithm}' (known: {string.Join(", ", Algorithms)})"),
    };
}
