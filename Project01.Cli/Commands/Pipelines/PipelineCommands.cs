using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Project01.Cli.Commands.Registry;
using Project01.Cli.Console;
using Project01.ModelTraining.Pipeline;
using Project01.Pipelines.Execution;
using Project01.Pipelines.Runs;
using Spectre.Console.Cli;

namespace Project01.Cli.Commands.Pipelines;

/// <summary>Pipelines live in the platform's database (<c>--db</c> or <c>ConnectionStrings__p01db</c>), next to the registry.</summary>
public class PipelineSettings : RegistrySettings
{
    internal static async Task<PipelineClient> ConnectAsync(RegistrySettings settings, CancellationToken ct) =>
        await PipelineClient.ConnectAsync(settings.ConnectionString(), [RetrainingPipeline.Definition()], ct);

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    internal static void Print(PipelineRun run) => System.Console.Out.WriteLine(JsonSerializer.Serialize(run, Json));
}

/// <summary>
/// <c>p01 pipeline run [NAME] [--by WHO] [--wait]</c>: starts a run (default: retrain); the Training service's scheduler
/// executes it. Prints the run as JSON; with <c>--wait</c>, the finished run, and exits 1 when it failed.
/// </summary>
public sealed class PipelineRunCommand : AsyncCommand<PipelineRunCommand.Settings>
{
    public sealed class Settings : PipelineSettings
    {
        [CommandArgument(0, "[NAME]")]
        [Description("the pipeline (default retrain)")]
        public string Name { get; init; } = RetrainingPipeline.Name;

        [CommandOption("--by <WHO>")]
        [Description("who asks (default: the OS user); kept in the run history")]
        public string? By { get; init; }

        [CommandOption("--wait")]
        [Description("wait for the run to finish; exit 1 if it failed")]
        public bool Wait { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var client = await PipelineSettings.ConnectAsync(settings, cancellationToken);
        var run = await client.Launcher.StartAsync(settings.Name, "manual", string.IsNullOrWhiteSpace(settings.By) ? Environment.UserName : settings.By, cancellationToken);
        if (run is null)
        {
            Stderr.Error($"a run of {settings.Name} is still going: p01 pipeline list --state running");
            return 2;
        }
        Stderr.Info($"started run {run.Id} of {run.Pipeline}; the Training service's scheduler executes it");
        if (!settings.Wait)
        {
            PipelineSettings.Print(run);
            return 0;
        }
        var reported = new Dictionary<string, string>();
        while (!run.IsFinished)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            run = await client.Store.GetRunAsync(run.Id, cancellationToken) ?? throw new InvalidOperationException($"run {run.Id} disappeared");
            foreach (var s in run.Steps.Where(s => reported.GetValueOrDefault(s.Step) != s.State))
            {
                reported[s.Step] = s.State;
                Stderr.Info($"{s.Step}: {s.State}{(s.Attempts > 1 ? $" (attempt {s.Attempts})" : "")}{(s.Error is { } e && s.State != StepStates.Succeeded ? $" — {e}" : "")}");
            }
        }
        PipelineSettings.Print(run);
        return run.State == RunStates.Succeeded ? 0 : 1;
    }
}

/// <summary><c>p01 pipeline list [--pipeline NAME] [--state S] [--limit N]</c>: runs, newest first, as CSV.</summary>
public sealed class PipelineListCommand : AsyncCommand<PipelineListCommand.Settings>
{
    public sealed class Settings : PipelineSettings
    {
        [CommandOption("--pipeline <NAME>")]
        public string? Pipeline { get; init; }

        [CommandOption("--state <STATE>")]
        [Description("running, succeeded or failed")]
        public string? State { get; init; }

        [CommandOption("--limit <N>")]
        public int Limit { get; init; } = 20;
    }

    public const string CsvHeader = "id,pipeline,trigger,requested_by,state,created_at,finished_at,steps_succeeded,steps,alerts";

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var store = new PipelineRunStore(db);
        await store.EnsureSchemaAsync(cancellationToken);
        var runs = await store.ListRunsAsync(settings.Pipeline, settings.State, Math.Clamp(settings.Limit, 1, 1000), cancellationToken);
        System.Console.Out.WriteLine(CsvHeader);
        foreach (var r in runs)
            System.Console.Out.WriteLine(string.Join(',', r.Id.ToString(CultureInfo.InvariantCulture), r.Pipeline, r.Trigger, Csv(r.RequestedBy), r.State,
                r.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), r.FinishedAt?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? "",
                r.Steps.Count(s => s.State == StepStates.Succeeded).ToString(CultureInfo.InvariantCulture), r.Steps.Count.ToString(CultureInfo.InvariantCulture),
                r.Alerts.Count.ToString(CultureInfo.InvariantCulture)));
        Stderr.Info($"{runs.Count} run(s)");
        return 0;
    }

    private static string Csv(string value) => value.Contains(',') || value.Contains('"') ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
}

/// <summary><c>p01 pipeline show ID</c>: one run with every step (state, attempts, times, output, error) and its alerts; JSON.</summary>
public sealed class PipelineShowCommand : AsyncCommand<PipelineShowCommand.Settings>
{
    public sealed class Settings : PipelineSettings
    {
        [CommandArgument(0, "<ID>")]
        public long Id { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        await using var db = settings.OpenDatabase();
        var store = new PipelineRunStore(db);
        await store.EnsureSchemaAsync(cancellationToken);
        if (await store.GetRunAsync(settings.Id, cancellationToken) is not { } run)
        {
            Stderr.Error($"no pipeline run {settings.Id}");
            return 1;
        }
        PipelineSettings.Print(run);
        return 0;
    }
}
