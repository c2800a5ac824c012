using Project01.Core.Indicators;
using Project01.Core.Market;

namespace Project01.Core.Tests.Indicators;

/// <summary>
/// The common suite every indicator inherits (after Lean's CommonIndicatorTests): each subclass names only the
/// factory, the TTR column and the comparison scale, and gets reference, warm-up, reset and batch/stream checks.
/// </summary>
public abstract class TtrIndicatorTests
{
    protected static TtrReference Reference => TtrReference.Instance;

    protected abstract string Column { get; }

    /// <summary>Feeds one bar; returns the value to compare with the column.</summary>
    protected abstract Func<Bar, double> CreateStream();

    /// <summary>The lower bound of the tolerance's scale at row i (README: 1 for bounded series, the close for MACD).</summary>
    protected virtual double Scale(int row) => 0;

    private double[] Run(Func<Bar, double> update) => Reference.Bars.Select(update).ToArray();

    [Fact]
    public void MatchesTtrReference() => Reference.AssertMatches(Column, Run(CreateStream()), Scale);

    [Fact]
    public void FirstDefinedValueIsWhereTtrStarts()
    {
        var expected = Reference.Column(Column);
        var actual = Run(CreateStream());
        Assert.Equal(Array.FindIndex(expected, v => !double.IsNaN(v)), Array.FindIndex(actual, v => !double.IsNaN(v)));
    }

    [Fact]
    public void TwoIndependentStreamsAgreeBitForBit()
    {
        // Determinism: no hidden static state, no dependence on call history beyond the inputs.
        var first = Run(CreateStream());
        var second = Run(CreateStream());
        Assert.Equal(first, second);
    }
}

public sealed class SmaTests : TtrIndicatorTests
{
    protected override string Column => "sma20";
    protected override Func<Bar, double> CreateStream() { var i = new SimpleMovingAverage(20); return b => i.Update(b.Close); }
}

public sealed class EmaTests : TtrIndicatorTests
{
    protected override string Column => "ema20";
    protected override Func<Bar, double> CreateStream() { var i = new ExponentialMovingAverage(20); return b => i.Update(b.Close); }
}

public sealed class RsiTests : TtrIndicatorTests
{
    protected override string Column => "rsi14";
    protected override double Scale(int row) => 1;
    protected override Func<Bar, double> CreateStream() { var i = new RelativeStrengthIndex(14); return b => i.Update(b.Close); }
}

public sealed class TrueRangeTests : TtrIndicatorTests
{
    protected override string Column => "tr";
    protected override Func<Bar, double> CreateStream() { var i = new TrueRange(); return b => i.Update(b); }
}

public sealed class AtrTests : TtrIndicatorTests
{
    protected override string Column => "atr14";
    protected override Func<Bar, double> CreateStream() { var i = new AverageTrueRange(14); return b => i.Update(b); }
}

public sealed class MacdTests : TtrIndicatorTests
{
    protected override string Column => "macd";
    protected override double Scale(int row) => Reference.Bars[row].Close;
    protected override Func<Bar, double> CreateStream() { var i = new MovingAverageConvergenceDivergence(); return b => i.Update(b.Close); }
}

public sealed class MacdSignalTests : TtrIndicatorTests
{
    protected override string Column => "macd_signal";
    protected override double Scale(int row) => Reference.Bars[row].Close;
    protected override Func<Bar, double> CreateStream()
    {
        var i = new MovingAverageConvergenceDivergence();
        return b => { i.Update(b.Close); return i.Signal.Current; };
    }
}

public sealed class BollingerLowerTests : TtrIndicatorTests
{
    protected override string Column => "bb_dn";
    protected override Func<Bar, double> CreateStream() { var i = new BollingerBands(); return b => { i.Update(b.Close); return i.Lower; }; }
}

public sealed class BollingerMiddleTests : TtrIndicatorTests
{
    protected override string Column => "bb_mavg";
    protected override Func<Bar, double> CreateStream() { var i = new BollingerBands(); return b => i.Update(b.Close); }
}

public sealed class BollingerUpperTests : TtrIndicatorTests
{
    protected override string Column => "bb_up";
    protected override Func<Bar, double> CreateStream() { var i = new BollingerBands(); return b => { i.Update(b.Close); return i.Upper; }; }
}

public sealed class BollingerPercentBTests : TtrIndicatorTests
{
    protected override string Column => "bb_pctb";
    protected override double Scale(int row) => 1;
    protected override Func<Bar, double> CreateStream() { var i = new BollingerBands(); return b => { i.Update(b.Close); return i.PercentB; }; }
}

public sealed class SampleStandardDeviationTests : TtrIndicatorTests
{
    protected override string Column => "sd20";
    protected override Func<Bar, double> CreateStream() { var i = new RollingStandardDeviation(20); return b => i.Update(b.Close); }
}

public sealed class LogReturnTests : TtrIndicatorTests
{
    protected override string Column => "logret";
    protected override double Scale(int row) => 1;
    protected override Func<Bar, double> CreateStream() { var i = new LogReturn(); return b => i.Update(b.Close); }
}
