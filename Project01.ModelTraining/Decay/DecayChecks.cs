using System.Collections.Concurrent;

namespace Project01.ModelTraining.Decay;

/// <summary>The newest decay check of each model on this worker: recorded by the drift monitor (and by checks asked for
/// over HTTP), so the dashboard shows it without scoring the champion again on every page view.</summary>
public sealed class DecayChecks(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DecayCheck Check, DateTime At)> _latest = new(StringComparer.Ordinal);

    public (DecayCheck Check, DateTime At) Record(DecayCheck check) => _latest[check.Model] = (check, time.GetUtcNow().UtcDateTime);

    /// <summary>The newest check of this version of the model, if there is one.</summary>
    public (DecayCheck Check, DateTime At)? Latest(string model, int version) =>
        _latest.TryGetValue(model, out var entry) && entry.Check.Version == version ? entry : null;
}
