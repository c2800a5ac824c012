using System.Net;
using System.Net.Http.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests.Pipelines;

/// <summary>A run of the retrain pipeline through the API, started as soon as no other test's run is going (409), and
/// followed until it has finished.</summary>
public static class RetrainingRuns
{
    public static async Task<(PipelineRunDto Started, PipelineRunDto Finished)> RunAsync(AppHostFixture fixture, CancellationToken ct)
    {
        var training = fixture.Client("training");
        // Another test's run may be going (409): at most a few minutes, since every step has nothing left to wait for.
        var run = await fixture.WithinAsync("a pipeline run to start", TimeSpan.FromMinutes(3), async c =>
        {
            using var response = await training.PostAsync("/v1/pipelines/retrain/runs", null, c);
            return response.StatusCode == HttpStatusCode.Accepted
                ? (true, (await response.Content.ReadFromJsonAsync<PipelineRunDto>(c))!, "started")
                : (false, null!, $"{(int)response.StatusCode}");
        }, ct);
        var finished = await fixture.WithinAsync($"pipeline run {run.Id} to finish", TimeSpan.FromMinutes(3), async c =>
        {
            var current = (await training.GetFromJsonAsync<PipelineRunDto>($"/v1/pipelines/runs/{run.Id}", c))!;
            return (current.State != "running", current, string.Join(", ", current.Steps.Select(s => $"{s.Step} {s.State}")));
        }, ct);
        return (run, finished);
    }
}
