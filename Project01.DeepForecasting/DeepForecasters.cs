using Project01.Core.Forecasting;
using Project01.Modeling.Forecasters;

namespace Project01.DeepForecasting;

/// <summary>Makes the deep forecasters trainable wherever <see cref="ForecasterCatalog"/> is asked (p01 evaluate, the
/// training worker): hosts that train call <see cref="Register"/> once at start-up.</summary>
public static class DeepForecasters
{
    public static void Register(DeepConfig? config = null)
    {
        foreach (var algorithm in DeepNetworks.Algorithms)
            ForecasterCatalog.Register(algorithm, target => Trainer(algorithm, target, config));
    }

    public static DeepForecasterTrainer Trainer(string algorithm, ForecastTarget target, DeepConfig? config = null) =>
        new(algorithm.ToLowerInvariant(), target, DeepNetworks.Builder(algorithm), config);
}
