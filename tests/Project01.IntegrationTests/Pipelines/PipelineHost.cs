using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Project01.Pipelines.Definitions;
using Project01.Pipelines.Execution;
using Project01.Pipelines.Extensions;
using Project01.Pipelines.Runs;

namespace Project01.IntegrationTests.Pipelines;

/// <summary>A process running pipelines on a private database: Quartz's clustered store and the run history, with short
/// leases so a stopped node's step is taken over within seconds.</summary>
public sealed class PipelineHost : IAsyncDisposable
{
    private readonly IHost _host;

    private PipelineHost(IHost host) => _host = host;

    public PipelineLauncher Launcher => _host.Services.GetRequiredService<PipelineLauncher>();
    public PipelineRunStore Store => _host.Services.GetRequiredService<PipelineRunStore>();

    public static async Task<PipelineHost> StartAsync(string connectionString, PipelineDefinition pipeline, IEnumerable<IPipelineStep> steps, CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Pipelines:LeaseSeconds"] = "2";
        builder.Configuration["Pipelines:WatchSeconds"] = "1";
        builder.Configuration["Pipelines:IdleWaitSeconds"] = "1";
        builder.AddPipelines(connectionString).AddPipeline(pipeline);
        foreach (var step in steps) builder.Services.AddSingleton(step);
        var host = builder.Build();
        await host.StartAsync(ct);
        return new PipelineHost(host);
    }

    /// <summary>The run once it has finished (the store is the event source: every state change is a row).</summary>
    public async Task<PipelineRun> FinishedAsync(long runId, CancellationToken ct) =>
        await UntilAsync(async () => await Store.GetRunAsync(runId, ct) is { IsFinished: true } run ? run : null, $"run {runId} to finish", ct);

    public async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, CancellationToken ct) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100, ct);
        }
        throw new TimeoutException($"waited 2 minutes for {what}");
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}

/// <summary>A step whose behaviour the test decides; it records when each attempt started.</summary>
public sealed class TestStep(string name, Func<StepContext, CancellationToken, Task<string>> run) : IPipelineStep
{
    public string Name => name;
    public List<(int Attempt, DateTime At)> Starts { get; } = [];

    public Task<string> RunAsync(StepContext context, CancellationToken ct)
    {
        lock (Starts) Starts.Add((context.Attempt, DateTime.UtcNow));
        return run(context, ct);
    }

    public static TestStep Ok(string name) => new(name, (c, _) => Task.FromResult($"{name} done"));
}
