using Project01.Contracts;

namespace Project01.Dashboard.Tests;

public static class SampleData
{
    public static readonly BarDto[] Bars =
    [
        new(new DateTime(2020, 4, 16, 0, 0, 0, DateTimeKind.Utc), 2799.34, 2806.51, 2764.32, 2799.55, 5179990000),
        new(new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc), 2842.43, 2879.22, 2830.88, 2874.56, 5792140000),
    ];

    public static readonly ForecastDto Forecast = new("SPX", "ret1", -0.00278, -0.0123, 0.0073, 0.8,
        new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 4, 20, 0, 0, 0, DateTimeKind.Utc), "ret1-lightgbm", 3, "CPU");

    public static readonly ModelVersionDto Champion = new("ret1-lightgbm", 3, "ret1", "lightgbm", "champion", DateTime.UtcNow, ["logret"],
        new Dictionary<string, double> { ["test_ic"] = 0.0303, ["test_directional_accuracy"] = 0.52, ["test_rmse"] = 0.0136, ["naive_test_rmse"] = 0.0217 },
        "price_v1-abc", "artifacts/models/ret1-lightgbm/v3/model.onnx");

    public static FakeApi HealthyPlatform() => new FakeApi()
        .Json("/v1/symbols", new[] { new SymbolDto("SPX", 5105, Bars[0].Time, Bars[^1].Time, DateTime.UtcNow) })
        .Json("/v1/bars/SPX", new BarsResponse("SPX", Bars))
        .Json("/v1/forecast/SPX", Forecast)
        .Json("/v1/registry/models", new[] { Champion })
        .Json("/v1/registry/models/ret1-lightgbm/history", new[] { new AliasEventDto("ret1-lightgbm", "champion", 3, 2, DateTime.UtcNow, "alice", "better test IC") })
        .Json("/v1/registry/models/ret1-lightgbm/versions/3/predictions", new PredictionsResponse("ret1-lightgbm", 3, "SPX",
            [new PredictionDto(Bars[0].Time, Bars[1].Time, 0.001, 0.0265, "test")]))
        .Json("/v1/features/history/SPX", new FeatureHistoryResponse("SPX", "price_v1", ["sma20"],
            [new FeatureRowDto(Bars[1].Time, new Dictionary<string, double?> { ["sma20"] = 2700.5 })]))
        .Json("/v1/features/watermarks", new[] { new FeatureWatermarkDto("price_v1", "SPX", Bars[1].Time, 5105, DateTime.UtcNow) })
        .Json("/v1/ingest/status", new LakeWriterStatusDto(5105, 0, 2, 1, 1, DateTime.UtcNow))
        .Json("/v1/training/jobs", new[] { new TrainingJobDto(1, "ret1-lightgbm", "ret1", "succeeded", DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, "no model yet", 3, null) })
        .Json("/v1/models", new[] { new LoadedModelDto("ret1-lightgbm", 3, "ret1", "champion", "CPU", "CPU execution provider (CUDA not requested)", ["logret"], DateTime.UtcNow) });
}
