using System.Net;
using System.Net.Http.Json;
using Project01.Contracts;

namespace Project01.IntegrationTests;

/// <summary>
/// The deep forecasters end to end in the running platform: the worker trains DeepAR and TFT on the feature store
/// (a window of lagged inputs, the calendar and the symbol's bucket), registers them with their ONNX export checked
/// against TorchSharp, makes the first version of each name champion, and the inference API serves them by name with
/// the model's own band (and, for TFT, where it looked).
/// </summary>
[Collection(AppHostCollection.Name)]
public sealed class DeepForecastersTests(AppHostFixture fixture)
{
    /// <summary>The lookback the suite's worker trains deep models with (set in <see cref="AppHostFixture"/>).</summary>
    public const int Lookback = 10;

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeepArIsTrainedPromotedAndServedWithItsOwnBand()
    {
        var version = await TrainAsync("vol5", "deepar");
        Assert.Equal(("deepar", "model"), (version.Algorithm, version.Parameters!["interval_band"]));
        Assert.Equal("cpu", version.Parameters["training_device"]);
        Assert.Contains($"logret_lag{Lookback - 1}", version.Features);
        Assert.Equal("symbol_id", version.Features[^1]);
        Assert.InRange(version.Metrics["onnx_parity_max_abs"], 0, 1e-5);
        Assert.InRange(version.Metrics["test_coverage80"], 0.5, 1);
        Assert.True(version.Metrics["train_epochs"] is 1, $"{version.Metrics["train_epochs"]} epochs");

        var forecast = await ServedAsync("/v1/forecast/SPX?target=vol5&model=vol5-deepar");
        Assert.Equal(("vol5-deepar", version.Version, "vol5"), (forecast.Model, forecast.ModelVersion, forecast.Target));
        Assert.InRange(forecast.Value, 0.001, 0.5);
        Assert.Equal(0.8, forecast.IntervalCoverage);
        Assert.True(forecast.Lower < forecast.Value && forecast.Value < forecast.Upper, $"{forecast.Lower} < {forecast.Value} < {forecast.Upper}");
        // The band is the model's distribution (log-normal-like for a volatility), not the conformal interval, which is
        // exactly symmetric in relative terms around the forecast.
        var (up, down) = ((forecast.Upper!.Value - forecast.Value) / forecast.Value, (forecast.Value - forecast.Lower!.Value) / forecast.Value);
        Assert.True(Math.Abs(up - down) > 1e-6, $"band +{up:P2} / −{down:P2} is symmetric");

        // The target's own model still answers without ?model=.
        var plain = await ServedAsync("/v1/forecast/SPX?target=vol5");
        Assert.Equal("vol5-auto", plain.Model);
    }

    [Fact]
    public async Task TheTftExplainsWhereItLooked()
    {
        var version = await TrainAsync("vol5", "tft");
        Assert.Equal("model", version.Parameters!["interval_band"]);
        var forecast = await ServedAsync("/v1/forecast/SPX?target=vol5&model=vol5-tft&explain=true");
        Assert.Equal("vol5-tft", forecast.Model);
        Assert.NotNull(forecast.Attention);
        Assert.Equal(version.Features.Count(f => !f.Contains("_lag", StringComparison.Ordinal)) - 3, forecast.Attention!.Variables.Count);
        Assert.Equal(1.0, forecast.Attention.Variables.Sum(v => v.Weight), 3);
        Assert.Equal(Lookback, forecast.Attention.Lookback.Count);
        Assert.Equal(Lookback - 1, forecast.Attention.Lookback[0].BarsAgo);
        Assert.All(forecast.Attention.Lookback, w => Assert.InRange(w.Weight, 0, 1));
    }

    [Fact]
    public async Task AModelThatIsNotServedByNameIsAValidationProblem()
    {
        using var response = await fixture.Client("inference").GetAsync("/v1/forecast/SPX?target=vol5&model=vol5-arima", _ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"model\"", await response.Content.ReadAsStringAsync(_ct));
    }

    private async Task<ModelVersionDto> TrainAsync(string target, string algorithm)
    {
        var training = fixture.Client("training");
        await fixture.EventuallyAsync("a champion for ret1-lightgbm", async ct =>
        {
            using var response = await training.GetAsync("/v1/registry/models/ret1-lightgbm/aliases/champion", ct);
            return (response.IsSuccessStatusCode, 0, $"{(int)response.StatusCode}");
        }, _ct);
        using var queued = await training.PostAsJsonAsync("/v1/training/jobs", new { target, algorithm, reason = "integration test" }, _ct);
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var job = (await queued.Content.ReadFromJsonAsync<TrainingJobDto>(_ct))!;
        // A safety net, not a speed test: a job that finishes is seen at once; one that hangs fails here.
        job = await fixture.UntilTrainedAsync(job, TimeSpan.FromMinutes(10), _ct);
        Assert.True(job.State == "succeeded", $"job {job.Id}: {job.State} {job.Error}");
        var champion = (await training.GetFromJsonAsync<ModelVersionDto>($"/v1/registry/models/{target}-{algorithm}/aliases/champion", _ct))!;
        Assert.Equal(job.ModelVersion, champion.Version);
        return champion;
    }

    private Task<ForecastDto> ServedAsync(string url) =>
        fixture.WithinAsync(url, TimeSpan.FromMinutes(1), async ct =>
        {
            using var response = await fixture.Client("inference").GetAsync(url, ct);
            if (!response.IsSuccessStatusCode) return (false, null!, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            return (true, (await response.Content.ReadFromJsonAsync<ForecastDto>(ct))!, "");
        }, _ct);
}
