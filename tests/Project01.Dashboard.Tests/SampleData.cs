using System.Net;
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

    /// <summary>The same forecast explained: base 3.1 bp, then −21.2 + −6.1 + −3.6 bp of contributions make −27.8 bp.</summary>
    public static readonly ForecastDto ExplainedForecast = Forecast with
    {
        Explanation = new ForecastExplanationDto("tree_shap", 0.00031,
            [new("logret", 0.0265, -0.00212), new("rsi14", 61.25, -0.00061), new("rv20", 0.0301, -0.00036)]),
    };

    /// <summary>A vol5 TFT forecast explained by its attention: 12 inputs (the chart draws the top 10), a 5-bar lookback
    /// oldest first, and the model's own 10–90 % band.</summary>
    public static readonly ForecastDto TftVolForecast = new("SPX", "vol5", 0.0385, 0.0291, 0.0517, 0.8,
        new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 4, 24, 0, 0, 0, DateTimeKind.Utc), "vol5-tft", 2, "CUDA",
        Attention: new ForecastAttentionDto(
            [.. new[] { "rv20", "logret", "rsi14", "atr14", "rv5", "sma20", "sma50", "macd", "bbw", "volume_z", "gap", "dow" }
                .Select((f, i) => new VariableWeightDto(f, 0.5 + i, (12 - i) / 78.0))],
            [new(5, 0.05), new(4, 0.1), new(3, 0.15), new(2, 0.2), new(1, 0.4)]));

    public static readonly ModelVersionDto Champion = new("ret1-lightgbm", 3, "ret1", "lightgbm", "champion", DateTime.UtcNow, ["logret", "rsi14"],
        new Dictionary<string, double> { ["test_ic"] = 0.0303, ["test_directional_accuracy"] = 0.52, ["test_rmse"] = 0.0136, ["naive_test_rmse"] = 0.0217 },
        "price_v1-abc", "artifacts/models/ret1-lightgbm/v3/model.onnx",
        new Dictionary<string, string> { ["leaves"] = "15", ["train_end"] = "2011-07-13" },
        new Dictionary<string, double> { ["logret"] = 1.4e-4, ["rsi14"] = 3.6e-5 });

    public static readonly ModelVersionDto Challenger = new("ret1-lightgbm", 4, "ret1", "lightgbm", "challenger", DateTime.UtcNow, ["logret", "rsi14"],
        new Dictionary<string, double> { ["test_ic"] = 0.0412, ["test_directional_accuracy"] = 0.53, ["test_rmse"] = 0.0135, ["naive_test_rmse"] = 0.0217 },
        "price_v1-def", "artifacts/models/ret1-lightgbm/v4/model.onnx",
        new Dictionary<string, string> { ["leaves"] = "31" },
        new Dictionary<string, double> { ["logret"] = 1.1e-4, ["rsi14"] = 5.0e-5 });

    private static readonly DateTime[] BacktestDates =
        [new(2020, 1, 30, 0, 0, 0, DateTimeKind.Utc), new(2020, 1, 31, 0, 0, 0, DateTimeKind.Utc), new(2020, 2, 3, 0, 0, 0, DateTimeKind.Utc)];

    public static readonly BacktestDto Backtest = new(
        new BacktestSummaryDto("bt-0123456789abcdef", "ret1-lightgbm", 3, "price_v1-abc", "longflat:0", 5, 252,
            new Dictionary<string, double> { ["sharpe"] = 0.84, ["annual_return"] = 0.071, ["max_drawdown"] = 0.12, ["rank_ic"] = 0.021, ["total_return"] = 0.02 },
            DateTime.UtcNow),
        BacktestDates, [1.01, 1.02, 1.0098], [0, 0, 0.01], [1, 0, 0],
        [new MonthlyReturnDto(2020, 1, 0.02), new MonthlyReturnDto(2020, 2, -0.01)]);

    public static readonly DriftReportDto Drift = new(7, "ret1-lightgbm", 3, DateTime.UtcNow, new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(2011, 7, 13, 0, 0, 0, DateTimeKind.Utc), new DateTime(2015, 11, 27, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 4, 17, 0, 0, 0, DateTimeKind.Utc), 1,
        new DriftThresholdsDto(1, 15, 10, 0.9, 0.1, 0.01, 0.05, 0.5), ["rv20"], [],
        [
            new FeatureDriftDto("rv20", "alert", 2900, 0.17, 0.11, 6.9, 6.9,
            [
                new DriftWindowDto(new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc), 19, 0.05, 0.2, 0.4, 0.1, 0.05, 0, 0, "ok", 0.9),
                new DriftWindowDto(new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2020, 4, 1, 0, 0, 0, DateTimeKind.Utc), 22, 6.9, 0.9, 1e-16, 4.8, 0.74, 0, 0.5, "alert", 0.8),
            ]),
            new FeatureDriftDto("rsi14", "ok", 2900, 53.1, 11.2, 0.07, 0.3, []),
        ],
        [new QualityIssueDto("stale", "30 symbols", "warning", "features end 2001-01-02, 7045 days before the newest (2020-04-17): AA, AXP")]);

    public static readonly FeatureViewDto PriceView = new("price", 1, "symbol", "ticks", ["logret", "rsi14"], TimeSpan.FromDays(4), "Daily price features",
        "Project01.Core.Features.PriceFeatureEngine", "0123456789abcdef", DateTime.UtcNow, "features-service");

    public static readonly RiskDto Risk = new("SPX", Bars[^1].Time, 2520, 0.0301, new GarchDto(0.0002, 2.4e-6, 0.0, 0.87, 0.975, 0.0105, "gjr", 0.21),
        [new(1, 0.95, 0.0512, 0.0690), new(1, 0.99, 0.0851, 0.1033), new(10, 0.95, 0.1391, 0.1822), new(10, 0.99, 0.2213, 0.2650)],
        new RiskBacktestDto(new DateTime(2018, 4, 18, 0, 0, 0, DateTimeKind.Utc), Bars[^1].Time, 500, 20,
            [new(0.95, 22, 25, 0.52, 0.019, 0.05, 1.14), new(0.99, 7, 5, 0.39, 0.61, 0.64, 1.06)]));

    // February holds at both levels (15 and 17 of 19); the March crash breaks both (11 and 16 of 22).
    public static readonly ModelCoverageDto Coverage = new("ret1-lightgbm", 3, "ret1", 0.02, true,
    [
        new(0.8, 41, 26 / 41.0, [new(new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc), 19, 15 / 19.0, true),
            new(new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc), 22, 11 / 22.0, false)]),
        new(0.9, 41, 33 / 41.0, [new(new DateTime(2020, 2, 1, 0, 0, 0, DateTimeKind.Utc), 19, 17 / 19.0, true),
            new(new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc), 22, 16 / 22.0, false)]),
    ]);

    public static readonly DecayCheckDto Decay = new("ret1-lightgbm", 3, DateTime.UtcNow, true, "squared_error", 0.000212, 0.000188, 0.0123, 126,
        new DateTime(2019, 10, 18, 0, 0, 0, DateTimeKind.Utc), Bars[^1].Time,
        "realised performance decay: the naive forecast beats v3: squared_error 0.000212 vs naive 0.000188 on 2019-10-18..2020-04-17, DM p=0.0123 (126 days)");

    public static FakeApi HealthyPlatform() => new FakeApi()
        .Json("/v1/symbols", new[] { new SymbolDto("SPX", 5105, Bars[0].Time, Bars[^1].Time, DateTime.UtcNow) })
        .Json("/v1/bars/SPX", new BarsResponse("SPX", Bars))
        .Json("/v1/forecast/SPX", Forecast)
        .Json("/v1/forecast/SPX?target=ret1&explain=true", ExplainedForecast)
        .Json("/v1/risk/SPX", Risk)
        .Json("/v1/forecast/SPX?target=vol5", new ForecastDto("SPX", "vol5", 0.0412, null, null, null, Bars[1].Time, new DateTime(2020, 4, 24, 0, 0, 0, DateTimeKind.Utc), "vol5-har", 1, "CPU"))
        .Json("/v1/registry/models", new[] { Champion })
        .Json("/v1/registry/models/ret1-lightgbm/history", new[] { new AliasEventDto("ret1-lightgbm", "champion", 3, 2, DateTime.UtcNow, "alice", "better test IC") })
        .Json("/v1/registry/models/ret1-lightgbm/versions/3/predictions", new PredictionsResponse("ret1-lightgbm", 3, "SPX",
            [new PredictionDto(Bars[0].Time, Bars[1].Time, 0.001, 0.0265, "test")]))
        .Json("/v1/features/history/SPX", new FeatureHistoryResponse("SPX", "price_v1", ["sma20"],
            [new FeatureRowDto(Bars[1].Time, new Dictionary<string, double?> { ["sma20"] = 2700.5 })]))
        .Json("/v1/features/watermarks", new[] { new FeatureWatermarkDto("price_v1", "SPX", Bars[1].Time, 5105, DateTime.UtcNow) })
        .Json("/v1/ingest/status", new LakeWriterStatusDto(5105, 0, 2, 1, 1, DateTime.UtcNow))
        .Json("/v1/training/jobs", new[] { new TrainingJobDto(1, "ret1-lightgbm", "ret1", "succeeded", DateTime.UtcNow, DateTime.UtcNow, DateTime.UtcNow, "no model yet", 3, null) })
        .Json("/health", new ServiceHealthDto("Healthy", 2.5, [new HealthCheckDto("p01db", "Healthy", null), new HealthCheckDto("kafka", "Healthy", null)]))
        .Json("/v1/kafka/lag", new[] { new ConsumerLagDto("lake-writer", "ticks", 8, 11, 11, 0), new ConsumerLagDto("features", "ticks", 8, 11, 9, 2) })
        .Json("/v1/monitoring/drift", new[] { new DriftSummaryDto(7, "ret1-lightgbm", 3, DateTime.UtcNow, ["rv20"], [], 1) })
        .Json("/v1/monitoring/drift/ret1-lightgbm", Drift)
        .Json("/v1/monitoring/performance/ret1-lightgbm", new ModelPerformanceDto("ret1-lightgbm", 3, "ret1",
            [new MonthPerformanceDto(new DateTime(2020, 3, 1, 0, 0, 0, DateTimeKind.Utc), 22, 0.12, 0.08, 0.55, 0.041, 0.043)]))
        .Json("/v1/monitoring/coverage/ret1-lightgbm", Coverage)
        .Json("/v1/monitoring/decay/ret1-lightgbm", Decay)
        .Json("/v1/backtests", new[] { Backtest.Summary })
        .Json("/v1/backtests/bt-0123456789abcdef", Backtest)
        .Json("/v1/features/registry", new[] { PriceView })
        .Json("/v1/features/online", new OnlineFeaturesResponse(
            [new OnlineFeaturesDto("SPX", "price_v1", Bars[1].Time, DateTime.UtcNow, new Dictionary<string, double?> { ["logret"] = 0.0265, ["rsi14"] = 61.25 })], ["NOPE"]))
        .Json("/v1/models", new[] { new LoadedModelDto("ret1-lightgbm", 3, "ret1", "champion", "CPU", "CPU execution provider (CUDA not requested)", ["logret"], DateTime.UtcNow) })
        // The deep forecasters are served by name but nobody has trained one yet: the API's "No model" answer.
        .Json("/v1/forecast/SPX?target=vol5&model=", NoDeepModel, HttpStatusCode.ServiceUnavailable)
        .Json("/v1/forecast/SPX?target=ret1&model=", NoDeepModel, HttpStatusCode.ServiceUnavailable);

    private static readonly object NoDeepModel = new
    {
        title = "No model", status = 503,
        detail = "the model has no champion in the registry yet: train it first (POST /v1/training/jobs with its target and algorithm)",
    };
}
