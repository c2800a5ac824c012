using Project01.Pipelines.Definitions;

namespace Project01.Pipelines.Execution;

/// <summary>The pipelines this process knows and the steps that implement them. A process that only starts runs (the
/// CLI) needs the definitions; one that executes them checks every step has an implementation (<see cref="EnsureExecutable"/>).</summary>
public sealed class PipelineCatalog
{
    private readonly Dictionary<string, PipelineDefinition> _pipelines;
    private readonly Dictionary<string, IPipelineStep> _steps;

    public PipelineCatalog(IEnumerable<PipelineDefinition> pipelines, IEnumerable<IPipelineStep> steps)
    {
        _pipelines = pipelines.ToDictionary(p => p.Name, StringComparer.Ordinal);
        _steps = steps.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    public void EnsureExecutable()
    {
        foreach (var p in _pipelines.Values)
            foreach (var s in p.Steps)
                if (!_steps.ContainsKey(s.Name))
                    throw new InvalidOperationException($"pipeline {p.Name}: no step implementation is registered for '{s.Name}' (known: {string.Join(", ", _steps.Keys.Order())})");
    }

    public IReadOnlyCollection<PipelineDefinition> Pipelines => _pipelines.Values;

    public PipelineDefinition? Find(string name) => _pipelines.GetValueOrDefault(name);

    public PipelineDefinition Get(string name) =>
        Find(name) ?? throw new KeyNotFoundException($"no pipeline '{name}' (known: {string.Join(", ", _pipelines.Keys.Order())})");

    public IPipelineStep Step(string name) => _steps[name];
}
