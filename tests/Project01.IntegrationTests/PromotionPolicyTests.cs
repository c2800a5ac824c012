using System.Net;
using System.Net.Http.Json;
using Aspire.Hosting.Testing;
using Npgsql;
using Project01.Contracts;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.ModelTraining;
using Project01.Modeling.Onnx;
using Project01.Core.Forecasting;

namespace Project01.IntegrationTests;

/// <summary>The worker's promotion policy in the running platform: a retrained model that is clearly better than the
/// champion on the same out-of-sample window replaces it, and the alias history says why.</summary>
[Collection(AppHostCollection.Name)]
public sealed class PromotionPolicyTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AClearlyBetterModelIsPromotedByPolicyWithItsEvidence()
    {
        const string name = "vol5-ridge";
        await fixture.WaitForSpxFeaturesAsync(_ct);
        // A champion that always forecasts 8 % five-day volatility (several times the usual): same inputs as the
        // worker's vol5 models, trained (it says) up to 2000, so every later day is out of sample for it.
        await using (var db = NpgsqlDataSource.Create((await fixture.App.GetConnectionStringAsync("p01db", _ct))!))
        {
            var registry = new ModelRegistryStore(db, new ModelArtifacts(Path.Combine(fixture.DataDir, "lake")));
            await registry.EnsureSchemaAsync(_ct);
            var inputs = ForecastTrainingJob.Inputs(ForecastTarget.Vol5);
            var constant = LinearOnnx.Write(new double[inputs.Count], 0.08, new Dictionary<string, string>());
            var champion = await registry.RegisterAsync(new ModelVersionDraft(name, "vol5", "ridge", inputs, new Dictionary<string, double>(),
                new Dictionary<string, string> { ["train_end"] = "1998-12-31", ["validation_end"] = "1999-12-31" }, "constant", constant, -0.01, 0.01, 0.8), _ct);
            await registry.SetAliasAsync(name, Aliases.Champion, champion.Version, "tests", "a poor champion to beat", _ct);
        }

        var training = fixture.Client("training");
        using var queued = await training.PostAsJsonAsync("/v1/training/jobs", new { target = "vol5", algorithm = "ridge", reason = "policy test" }, _ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.Content.ReadFromJsonAsync<TrainingJobDto>(_ct))!;
        job = await fixture.UntilTrainedAsync(job, TimeSpan.FromMinutes(3), _ct);
        Assert.True(job.State == "succeeded", $"job {job.Id}: {job.State} {job.Error}");

        var history = (await training.GetFromJsonAsync<AliasEventDto[]>($"/v1/registry/models/{name}/history", _ct))!;
        var latest = history[0];
        Assert.Equal(("champion", job.ModelVersion, "promotion-policy"), (latest.Alias, (int?)latest.Version, latest.By));
        Assert.StartsWith("promoted by policy: DM p=0.0", latest.Reason);
        Assert.Contains("qlike", latest.Reason);
        var champion2 = (await training.GetFromJsonAsync<ModelVersionDto>($"/v1/registry/models/{name}/aliases/champion", _ct))!;
        Assert.Equal(job.ModelVersion, champion2.Version);
    }
}
