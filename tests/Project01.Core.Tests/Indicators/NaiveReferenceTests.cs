using System.Globalization;
using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Tests.Indicators;

/// <summary>
/// The common suite for indicators TTR has but our fixture file lacks (R is not available to extend it): each is
/// checked on the bundled S&amp;P 500 series against <see cref="Naive"/>'s whole-window recomputation. A tolerance of 0
/// demands the same bits — where the streaming update does the very same arithmetic (ROC, log return, momentum, extremes,
/// stochastic %K, OBV, drawdown, volume ratio); running sums get 1e-12 relative, scaled as each subclass explains.
/// </summary>
public abstract class NaiveReferenceTests
{
    protected static TtrReference Reference => TtrReference.Instance;
    protected static IReadOnlyList<Bar> Bars => Reference.Bars;
    protected static double[] Closes { get; } = [.. TtrReference.Instance.Bars.Select(b => b.Close)];
    protected static double[] Highs { get; } = [.. TtrReference.Instance.Bars.Select(b => b.High)];
    protected static double[] Lows { get; } = [.. TtrReference.Instance.Bars.Select(b => b.Low)];
    protected static double[] Volumes { get; } = [.. TtrReference.Instance.Bars.Select(b => (double)b.Volume)];

    /// <summary>A fresh indicator: one bar in, the value under test out; its reset; and its declared warm-up.</summary>
    protected sealed record Subject(Func<Bar, double> Update, Action Reset, int WarmUpPeriod);

    protected static Subject Of(Indicator indicator, Func<Bar, double> input) =>
        new(b => indicator.Update(input(b)), indicator.Reset, indicator.WarmUpPeriod);

    protected abstract string Name { get; }
    protected abstract Subject Create();
    protected abstract double[] Expected();
    protected virtual double Tolerance => 0;
    protected virtual double Scale(int row) => 0;

    /// <summary>The largest |x| of the inputs that can still leave rounding in a re-anchored running sum (the last 2n).</summary>
    protected static double RecentMagnitude(double[] x, int row, int period) => RecentMagnitudeOf(x, row, period);

    internal static double RecentMagnitudeOf(double[] x, int row, int period)
    {
        double largest = 0;
        for (var i = Math.Max(0, row - 2 * period + 1); i <= row; i++) largest = Math.Max(largest, Math.Abs(x[i]));
        return largest;
    }

    private static string Date(int row) => Reference.Dates[row].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static double[] Run(Subject subject) => [.. Bars.Select(subject.Update)];

    [Fact]
    public void MatchesWholeWindowRecomputationOnSp500() =>
        SeriesAssert.Matches(Name, Expected(), Run(Create()), Tolerance, Scale, Date);

    [Fact]
    public void FirstValueComesAtTheDeclaredWarmUp()
    {
        var subject = Create();
        var first = Array.FindIndex(Run(subject), v => !double.IsNaN(v));
        Assert.Equal(Array.FindIndex(Expected(), v => !double.IsNaN(v)), first);
        Assert.Equal(subject.WarmUpPeriod - 1, first);
    }

    [Fact]
    public void ResetStartsOverBitForBit()
    {
        var subject = Create();
        var first = Run(subject);
        subject.Reset();
        var second = Run(subject);
        for (var i = 0; i < first.Length; i++)
            Assert.True(BitConverter.DoubleToInt64Bits(first[i]) == BitConverter.DoubleToInt64Bits(second[i]), $"{Name} after Reset differs at {Date(i)}: {first[i]:R} then {second[i]:R}");
    }
}

public sealed class WmaNaiveTests : NaiveReferenceTests
{
    protected override string Name => "WMA(20)";
    protected override Subject Create() => Of(new WeightedMovingAverage(20), b => b.Close);
    protected override double[] Expected() => Naive.Wma(Closes, 20);
    protected override double Tolerance => 1e-12;
    protected override double Scale(int row) => RecentMagnitude(Closes, row, 20);
}

public sealed class RocNaiveTests : NaiveReferenceTests
{
    protected override string Name => "ROC(10)";
    protected override Subject Create() => Of(new RateOfChange(10), b => b.Close);
    protected override double[] Expected() => Naive.Roc(Closes, 10);
}

public sealed class LogReturnNaiveTests : NaiveReferenceTests
{
    // The TTR fixture has the one-bar log return only; this checks a longer lag (price_v1's logret5 uses 5).
    protected override string Name => "LOGRET(20)";
    protected override Subject Create() => Of(new LogReturn(20), b => b.Close);
    protected override double[] Expected() => Naive.LogReturn(Closes, 20);
}

public sealed class MomentumNaiveTests : NaiveReferenceTests
{
    protected override string Name => "MOM(10)";
    protected override Subject Create() => Of(new Momentum(10), b => b.Close);
    protected override double[] Expected() => Naive.Momentum(Closes, 10);
}

public sealed class RunMaxNaiveTests : NaiveReferenceTests
{
    protected override string Name => "runMax(high, 14)";
    protected override Subject Create() => Of(new RollingMaximum(14), b => b.High);
    protected override double[] Expected() => Naive.RunMax(Highs, 14);
}

public sealed class RunMinNaiveTests : NaiveReferenceTests
{
    protected override string Name => "runMin(low, 14)";
    protected override Subject Create() => Of(new RollingMinimum(14), b => b.Low);
    protected override double[] Expected() => Naive.RunMin(Lows, 14);
}

public sealed class ZScoreNaiveTests : NaiveReferenceTests
{
    protected override string Name => "ZSCORE(20)";
    protected override Subject Create() => Of(new RollingZScore(20), b => b.Close);
    protected override double[] Expected() => Naive.ZScore(Closes, 20);

    // z divides by σ, so the sliding mean's rounding (ε·|mean|) reaches z magnified by |mean|/σ (up to ~400 on
    // quiet stretches of the index): 1e-12 relative to that condition number.
    protected override double Tolerance => 1e-12;
    protected override double Scale(int row) => Condition[row];

    private static readonly double[] Condition = Naive.MeanOverDeviation(Closes, 20);
}

public sealed class StochFastKNaiveTests : NaiveReferenceTests
{
    protected override string Name => "stoch fastK";
    protected override Subject Create() { var s = new Stochastic(); return new(b => s.Update(b), s.Reset, s.WarmUpPeriod); }
    protected override double[] Expected() => Naive.Stoch(Highs, Lows, Closes).FastK;
}

public sealed class StochFastDNaiveTests : NaiveReferenceTests
{
    protected override string Name => "stoch fastD";
    protected override Subject Create() { var s = new Stochastic(); return new(b => { s.Update(b); return s.FastD.Current; }, s.Reset, 16); }
    protected override double[] Expected() => Naive.Stoch(Highs, Lows, Closes).FastD;
    protected override double Tolerance => 1e-12;
    protected override double Scale(int row) => 1;
}

public sealed class StochSlowDNaiveTests : NaiveReferenceTests
{
    protected override string Name => "stoch slowD";
    protected override Subject Create() { var s = new Stochastic(); return new(b => { s.Update(b); return s.SlowD.Current; }, s.Reset, 18); }
    protected override double[] Expected() => Naive.Stoch(Highs, Lows, Closes).SlowD;
    protected override double Tolerance => 1e-12;
    protected override double Scale(int row) => 1;
}

public sealed class ObvNaiveTests : NaiveReferenceTests
{
    protected override string Name => "OBV";
    protected override Subject Create() { var o = new OnBalanceVolume(); return new(b => o.Update(b), o.Reset, o.WarmUpPeriod); }
    protected override double[] Expected() => Naive.Obv(Closes, Volumes);
}

public sealed class MaxDrawdownNaiveTests : NaiveReferenceTests
{
    protected override string Name => "MDD(60)";
    protected override Subject Create() => Of(new RollingMaxDrawdown(60), b => b.Close);
    protected override double[] Expected() => Naive.MaxDrawdown(Closes, 60);
}

public sealed class VolumeRatioNaiveTests : NaiveReferenceTests
{
    // Volumes are whole numbers far below 2⁵³, so every window sum is exact in any order: the same bits.
    protected override string Name => "VOLRATIO(20)";
    protected override Subject Create() => Of(new VolumeRatio(20), b => b.Volume);
    protected override double[] Expected() => Naive.VolumeRatio(Volumes, 20);
}

public sealed class RealizedVolatilityNaiveTests : NaiveReferenceTests
{
    protected override string Name => "RV(20)";
    protected override Subject Create() => Of(new RealizedVolatility(20), b => b.Close);
    protected override double[] Expected() => Naive.RealizedVolatility(Closes, 20);
    protected override double Tolerance => 1e-12;
}
