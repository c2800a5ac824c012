using Project01.Core.Forecasting;
using Project01.ModelRegistry.Registry;

namespace Project01.Serving.Forecasting;

/// <summary>
/// The registry models this API serves and the targets they forecast, read from the model names with the registry's
/// grammar (<see cref="ModelNames"/>): a target is served exactly when a configured model forecasts it. A malformed name
/// or an unknown target fails at start-up.
/// </summary>
public sealed class ServedModels
{
    public ServedModels(IEnumerable<string> modelNames)
    {
        Models = [.. modelNames.Select(name => (name, ModelNames.Parse(name).Target.Name()))];
        Targets = [.. Models.Select(m => m.Target).Distinct(StringComparer.Ordinal)];
    }

    public IReadOnlyList<(string Name, string Target)> Models { get; }

    /// <summary>Targets in the order their models are configured.</summary>
    public IReadOnlyList<string> Targets { get; }

    public bool Serves(string target) => Targets.Contains(target, StringComparer.Ordinal);
}
