using BenchmarkDotNet.Attributes;
using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Benchmarks.Indicators;

/// <summary>
/// One indicator over 502 daily bars (the last two years of the bundled S&amp;P 500 series), the size Skender's
/// Stock.Indicators publishes its .NET figures for. Each call resets the indicator and runs the batch
/// (<c>Compute</c>) into a reused output span; Mean is per 502 bars, per bar = Mean / 502.
/// </summary>
[MemoryDiagnoser]
public class IndicatorCostBenchmarks
{
    private const int Bars = 502;
    private readonly double[] _output = new double[Bars];
    private Bar[] _bars = [];
    private double[] _closes = [];
    private double[] _volumes = [];
    private Action _run = () => { };

    [Params("RSI(14)", "ATR(14)", "EMA(20)", "WMA(20)", "ZSCORE(20)", "STOCH(14,3,3)", "OBV", "MAX(14)", "MDD(60)", "ROC(10)", "VOLRATIO(20)", "RV(20)")]
    public string Indicator { get; set; } = "RSI(14)";

    [GlobalSetup]
    public void Setup()
    {
        _bars = RealBars.Sp500Tail(Bars);
        _closes = [.. _bars.Select(b => b.Close)];
        _volumes = [.. _bars.Select(b => (double)b.Volume)];
        _run = Indicator switch
        {
            "RSI(14)" => Closes(new RelativeStrengthIndex(14)),
            "ATR(14)" => OfBars(new AverageTrueRange(14)),
            "EMA(20)" => Closes(new ExponentialMovingAverage(20)),
            "WMA(20)" => Closes(new WeightedMovingAverage(20)),
            "ZSCORE(20)" => Closes(new RollingZScore(20)),
            "STOCH(14,3,3)" => OfBars(new Stochastic()),
            "OBV" => OfBars(new OnBalanceVolume()),
            "MAX(14)" => Closes(new RollingMaximum(14)),
            "MDD(60)" => Closes(new RollingMaxDrawdown(60)),
            "ROC(10)" => Closes(new RateOfChange(10)),
            "VOLRATIO(20)" => Over(new VolumeRatio(20), _volumes),
            "RV(20)" => Closes(new RealizedVolatility(20)),
            _ => throw new ArgumentOutOfRangeException(nameof(Indicator), Indicator, "no such benchmark"),
        };
    }

    private Action Closes(Indicator indicator) => Over(indicator, _closes);

    private Action Over(Indicator indicator, double[] input) => () => { indicator.Reset(); indicator.Compute(input, _output); };

    private Action OfBars(BarIndicator indicator) => () => { indicator.Reset(); indicator.Compute(_bars, _output); };

    [Benchmark]
    public double Run502Bars()
    {
        _run();
        return _output[^1];
    }
}
