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
        var run = await fixture.EventuallyAsync("a pipeline run to start", async c =>
        {
            using var response = await training.PostAsync("/v1/pipelines/retrain/runs", null, c);
            return response.StatusCode == HttpStatusCode.Accepted
                ? (true, (await response.Content.ReadFromJsonAsync<PipelineRunDto>(c))!, "started")
                : (false, null!, $"{(int)response.StatusCode}");
        }, ct);
        var finished = await fixture.EventuallyAsync($"pipeline run {run.Id} to finish", async c =>
        {
            var current = (await training.GetFromJsonAsync<PipelineRunDto>($"/v1/pipelines/runs/{run.Id}", c))!;
            return (current.State != "running", current, string.Join(", ", current.Steps.Select(s => $"{s.Step} {s.State}")));
        }, ct);
        return (run, finished);
    }
}
