namespace Project01.Pipelines.Definitions;

/// <summary>
/// One step of a pipeline: what runs (<see cref="Name"/>, an <see cref="IPipelineStep"/> of that name), after which steps,
/// how often it is tried (<see cref="MaxAttempts"/>, waits growing from <see cref="Backoff"/> by a factor of two), how
/// long one attempt may take (<see cref="Timeout"/>), and by when after the run started it must have succeeded
/// (<see cref="Sla"/>; later is an alert, the step keeps going).
/// </summary>
public sealed record StepDefinition(string Name, IReadOnlyList<string> DependsOn, int MaxAttempts, TimeSpan Backoff, TimeSpan Timeout, TimeSpan Sla)
{
    public static StepDefinition Create(string name, params string[] dependsOn) =>
        new(name, dependsOn, MaxAttempts: 3, Backoff: TimeSpan.FromSeconds(30), Timeout: TimeSpan.FromMinutes(30), Sla: TimeSpan.FromHours(2));
}

/// <summary>A named graph of steps with an optional cron schedule (Quartz syntax, seconds first; null = on demand only).</summary>
public sealed record PipelineDefinition
{
    public PipelineDefinition(string name, string? schedule, IReadOnlyList<StepDefinition> steps)
    {
        if (string.IsNullOrWhiteSpace(name) || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            throw new ArgumentException($"pipeline name '{name}' must be lower-case letters, digits and dashes");
        Name = name;
        Schedule = string.IsNullOrWhiteSpace(schedule) ? null : schedule;
        Steps = steps;
        Order = TopologicalOrder(name, steps);
    }

    public string Name { get; }
    public string? Schedule { get; }
    public IReadOnlyList<StepDefinition> Steps { get; }

    /// <summary>Steps in an order where every step comes after those it depends on.</summary>
    public IReadOnlyList<StepDefinition> Order { get; }

    public StepDefinition Step(string name) =>
        Steps.FirstOrDefault(s => s.Name == name) ?? throw new KeyNotFoundException($"pipeline {Name} has no step '{name}'");

    public IEnumerable<StepDefinition> Roots => Steps.Where(s => s.DependsOn.Count == 0);

    public IEnumerable<StepDefinition> Dependents(string step) => Steps.Where(s => s.DependsOn.Contains(step));

    /// <summary>Kahn's algorithm; refuses unknown dependencies, duplicates and cycles with the names involved.</summary>
    private static List<StepDefinition> TopologicalOrder(string pipeline, IReadOnlyList<StepDefinition> steps)
    {
        if (steps.Count == 0) throw new ArgumentException($"pipeline {pipeline} has no steps");
        var byName = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var s in steps)
        {
            if (s.MaxAttempts < 1) throw new ArgumentException($"pipeline {pipeline}: step {s.Name} needs at least one attempt");
            if (!byName.TryAdd(s.Name, s)) throw new ArgumentException($"pipeline {pipeline}: step '{s.Name}' is declared twice");
        }
        foreach (var s in steps)
            foreach (var d in s.DependsOn)
                if (!byName.ContainsKey(d)) throw new ArgumentException($"pipeline {pipeline}: step {s.Name} depends on unknown step '{d}'");
        var remaining = steps.ToDictionary(s => s.Name, s => s.DependsOn.Distinct().Count(), StringComparer.Ordinal);
        var ready = new Queue<StepDefinition>(steps.Where(s => remaining[s.Name] == 0));
        var order = new List<StepDefinition>(steps.Count);
        while (ready.TryDequeue(out var s))
        {
            order.Add(s);
            foreach (var dependent in steps.Where(x => x.DependsOn.Contains(s.Name)))
                if (--remaining[dependent.Name] == 0) ready.Enqueue(dependent);
        }
        if (order.Count < steps.Count)
            throw new ArgumentException($"pipeline {pipeline}: steps {string.Join(", ", steps.Except(order).Select(s => s.Name))} depend on each other in a cycle");
        return order;
    }
}
