using System.Net;
using System.Net.Http.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests;

/// <summary>
/// Hyper-parameter searches and portfolio comparisons through the Training service: queued by an identified caller
/// (recorded as the actor), run by its research worker with the library code p01 tune and p01 portfolio use, every trial
/// recorded in the registry's study, and read back by id.
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class ResearchJobsTests(AppHostFixture fixture)
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(4);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATinySearchRecordsItsTrialsAndTheBest()
    {
        var training = fixture.Client("training");
        using var queued = await training.PostAsJsonAsync("/v1/tuning", new TuningJobRequest("ridge", "vol5", Trials: 4, Folds: 2, Seed: 3), _ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.Content.ReadFromJsonAsync<TuningJobDto>(_ct))!;
        Assert.Equal(("queued", AppHostFixture.KeyClient), (job.State, job.RequestedBy));
        Assert.Equal($"/v1/tuning/{job.Id}", queued.Headers.Location!.OriginalString);

        var done = await fixture.WithinAsync($"tuning job {job.Id}", Budget, async ct =>
        {
            var current = (await training.GetFromJsonAsync<TuningJobDto>($"/v1/tuning/{job.Id}", ct))!;
            return (current.State is not ("queued" or "running"), current, $"{current.State} {current.Progress} {current.Error}");
        }, _ct);

        Assert.True(done.State == "succeeded", $"{done.State}: {done.Error}");
        Assert.Equal(("qlike", 4), (done.Loss, done.Trials.Count));
        Assert.NotNull(done.StudyId);
        Assert.All(done.Trials, t => Assert.Contains(t.State, new[] { "complete", "pruned" }));
        Assert.All(done.Trials, t => Assert.InRange(double.Parse(t.Parameters["alpha"], System.Globalization.CultureInfo.InvariantCulture), 1e-6, 100));
        var best = Assert.IsType<TuningTrialDto>(done.Best);
        Assert.Equal("complete", best.State);
        Assert.Equal(done.Trials.Where(t => t.State == "complete").Min(t => t.Score), best.Score);
        Assert.True(done.TestLoss < done.NaiveTestLoss, $"test {done.TestLoss} vs naive {done.NaiveTestLoss}");

        var listed = (await training.GetFromJsonAsync<TuningJobDto[]>("/v1/tuning", _ct))!;
        Assert.Equal(best.Number, listed.Single(j => j.Id == job.Id).Best?.Number);
    }

    [Fact]
    public async Task ABadSearchIsAProblemNamingTheField()
    {
        using var response = await fixture.Client("training").PostAsJsonAsync("/v1/tuning", new TuningJobRequest("har", "vol5"), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(_ct);
        Assert.Contains("\"model\"", body);
        Assert.Contains("no search space for model 'har'", body);
    }

    [Fact]
    public async Task ThePortfolioComparisonRunsEveryMethodWithATinyPpoBudget()
    {
        var training = fixture.Client("training");
        using var queued = await training.PostAsJsonAsync("/v1/portfolios", new PortfolioJobRequest(PpoIterations: 2, PpoStepsPerIteration: 32), _ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.Content.ReadFromJsonAsync<PortfolioJobDto>(_ct))!;
        Assert.Equal(AppHostFixture.KeyClient, job.RequestedBy);

        var done = await fixture.WithinAsync($"portfolio job {job.Id}", Budget, async ct =>
        {
            var current = (await training.GetFromJsonAsync<PortfolioJobDto>($"/v1/portfolios/{job.Id}", ct))!;
            return (current.State is not ("queued" or "running"), current, $"{current.State} {current.Progress} {current.Error}");
        }, _ct);

        Assert.True(done.State == "succeeded", $"{done.State}: {done.Error}");
        var result = done.Result!;
        Assert.Equal((30, new DateTime(1997, 1, 2)), (result.Assets, result.TestStart));
        Assert.Equal(["ew-buy-hold", "ew", "mv", "min-var", "rp", "ppo"], result.Methods.Select(m => m.Method));
        foreach (var m in result.Methods)
        {
            Assert.Equal(30, m.FinalWeights.Count);
            Assert.All(m.FinalWeights.Values, w => Assert.InRange(w, 0, 1));
            Assert.Equal(1, m.FinalWeights.Values.Sum() + m.Cash!.Value, 9);
            Assert.Equal(result.Dates.Count, m.Equity.Count);
            Assert.InRange(m.AnnualVolatility!.Value, 0.02, 0.6);
            Assert.InRange(m.MaxDrawdown!.Value, 0.0, 0.9);
            Assert.True(m.TurnoverPerYear > 0, $"{m.Method} never traded");
        }
        // Mean-variance respects its 0.2 cap (drifted since the last rebalance).
        Assert.All(result.Methods.Single(m => m.Method == "mv").FinalWeights.Values, w => Assert.True(w <= 0.2 * 1.5));

        var listed = (await training.GetFromJsonAsync<PortfolioJobDto[]>("/v1/portfolios", _ct))!;
        Assert.Empty(listed.Single(j => j.Id == job.Id).Result!.Methods[0].Equity); // the list leaves the curves out
    }

    [Fact]
    public async Task ABadComparisonIsAProblemNamingTheField()
    {
        using var response = await fixture.Client("training").PostAsJsonAsync("/v1/portfolios", new PortfolioJobRequest(TestStart: "1991-06-01"), _ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(_ct);
        Assert.Contains("\"testStart\"", body);
        Assert.Contains("must leave 252 days", body);
    }
}
