using Project01.ModelRegistry.Registry;
using Project01.Pipelines.Definitions;

namespace Project01.ModelTraining.Pipeline;

/// <summary>
/// Reports what the promotion policy decided for each kept model's newest version (the training job applies it the
/// moment a version is registered, so the auto-trainer and the pipeline promote alike): promoted by a Diebold–Mariano
/// test, kept as challenger with the evidence, or first of its name. The alias history holds the whole record.
/// </summary>
public sealed class PromotionStep(RetrainingModels models, ModelRegistryStore registry) : IPipelineStep
{
    public const string StepName = "promote";

    public string Name => StepName;

    public async Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var name in models.Names)
        {
            if ((await registry.ListAsync(name, ct)).FirstOrDefault() is not { } newest)
            {
                lines.Add($"{name}: no version");
                continue;
            }
            var decision = (await registry.GetAliasHistoryAsync(name, ct)).FirstOrDefault(e => e.Version == newest.Version);
            var champion = (await registry.GetAliasesAsync(name, ct)).GetValueOrDefault(Aliases.Champion);
            lines.Add(decision is null
                ? $"{name} v{newest.Version}: no alias (champion v{champion})"
                : $"{name} v{newest.Version} {decision.Alias} by {decision.By}: {decision.Reason}");
        }
        return string.Join("; ", lines);
    }
}
