using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests;

/// <summary>The training API queues any algorithm of the catalogue for a target it can forecast; the worker trains it
/// on the feature store and registers it under <c>&lt;target&gt;-&lt;algorithm&gt;</c>.</summary>
[Collection(AppHostCollection.Name)]
public sealed class TrainingAlgorithmsTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHarVolatilityModelIsTrainedAndRegistered()
    {
        var training = fixture.Client("training");
        await WaitForChampionAsync(training, "ret1-lightgbm"); // features are in and the default model exists

        using var queued = await training.PostAsJsonAsync("/v1/training/jobs", new { target = "vol5", algorithm = "har", reason = "integration test" }, _ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.Content.ReadFromJsonAsync<TrainingJobDto>(_ct))!;
        Assert.Equal(("vol5-har", "vol5"), (job.Model, job.Target));

        job = await fixture.UntilTrainedAsync(job, TimeSpan.FromMinutes(3), _ct);
        Assert.True(job.State == "succeeded", $"job {job.Id}: {job.State} {job.Error}");

        var version = (await training.GetFromJsonAsync<ModelVersionDto>($"/v1/registry/models/vol5-har/versions/{job.ModelVersion}", _ct))!;
        Assert.Equal(("har", "vol5"), (version.Algorithm, version.Target));
        Assert.Contains("rvol22", version.Features);
        Assert.True(version.Metrics["test_qlike"] < version.Metrics["naive_test_qlike"], $"QLIKE {version.Metrics["test_qlike"]} vs naive {version.Metrics["naive_test_qlike"]}");
        Assert.InRange(version.Metrics["onnx_parity_max_abs"], 0, 1e-5);

    }

    [Fact]
    public async Task TheDefaultRunServesAVolatilityModelChosenOnValidation()
    {
        var training = fixture.Client("training");
        await WaitForChampionAsync(training, "vol5-auto"); // Training:Models' default trains it by itself
        var champion = (await training.GetFromJsonAsync<ModelVersionDto>("/v1/registry/models/vol5-auto/aliases/champion", _ct))!;
        Assert.Equal(("auto", "vol5"), (champion.Algorithm, champion.Target));
        Assert.Contains(champion.Parameters!["algorithm"], new[] { "har", "ridge", "lightgbm" });
        Assert.True(champion.Metrics["test_qlike"] < champion.Metrics["naive_test_qlike"], $"QLIKE {champion.Metrics["test_qlike"]} vs naive {champion.Metrics["naive_test_qlike"]}");

        // Served without any configuration: the HAR inputs are derived from SPX's recent history per request.
        var forecast = await fixture.EventuallyAsync("a vol5 forecast for SPX", async ct =>
        {
            using var response = await fixture.Client("inference").GetAsync("/v1/forecast/SPX?target=vol5", ct);
            if (!response.IsSuccessStatusCode) return (false, null!, $"{(int)response.StatusCode}");
            var f = (await response.Content.ReadFromJsonAsync<ForecastDto>(ct))!;
            return (true, f, $"v{f.ModelVersion}");
        }, _ct);
        Assert.Equal(("vol5-auto", "vol5"), (forecast.Model, forecast.Target));
        Assert.InRange(forecast.Value, 0.005, 0.5); // a 5-day volatility, not a return
        // Its interval is calibrated in units of the forecast: symmetric in relative terms, wider when volatility is high.
        Assert.Equal("forecast", champion.Parameters["interval_scale"]);
        Assert.Equal(0.8, forecast.IntervalCoverage);
        var (up, down) = ((forecast.Upper!.Value - forecast.Value) / forecast.Value, (forecast.Value - forecast.Lower!.Value) / forecast.Value);
        Assert.Equal(up, down, 9);
        Assert.InRange(up, 0.05, 2);
    }

    [Theory]
    [InlineData("ret1", "har", "algorithm")]
    [InlineData("ret1", "arima", "algorithm")]
    [InlineData("ret9", "ridge", "target")]
    public async Task ImpossibleRequestsAreValidationProblems(string target, string algorithm, string field)
    {
        using var response = await fixture.Client("training").PostAsJsonAsync("/v1/training/jobs", new { target, algorithm }, _ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(_ct));
    }

    private Task WaitForChampionAsync(HttpClient training, string model) =>
        fixture.EventuallyAsync($"a champion for {model}", async ct =>
        {
            using var response = await training.GetAsync($"/v1/registry/models/{model}/aliases/champion", ct);
            return (response.IsSuccessStatusCode, 0, $"{(int)response.StatusCode}");
        }, _ct);
}
