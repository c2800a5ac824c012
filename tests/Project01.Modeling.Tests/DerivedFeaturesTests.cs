using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Tests;

public sealed class DerivedFeaturesTests
{
    private static readonly DateTime Day0 = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static FeatureObservation Row(string symbol, int day, double close, double logret, double tr = double.NaN)
    {
        var values = new double[PriceFeatures.Count];
        Array.Fill(values, double.NaN);
        values[PriceFeatures.IndexOf("close")] = close;
        values[PriceFeatures.IndexOf("logret")] = logret;
        values[PriceFeatures.IndexOf("tr")] = tr;
        return new FeatureObservation(symbol, Day0.AddDays(day), values);
    }

    [Fact]
    public void RealizedVolatilityMomentumAndRangeFollowTheirDefinitions()
    {
        double[] r = [double.NaN, 0.01, -0.02, 0.03, -0.01, 0.02, 0.005];
        var rows = r.Select((v, i) => Row("A", i, 100 + i, v, tr: 2 + i)).ToList();

        var rvol5 = DerivedFeatures.Column("rvol5", rows, PriceFeatures.Names);
        var rvol1 = DerivedFeatures.Column("rvol1", rows, PriceFeatures.Names);
        var mom3 = DerivedFeatures.Column("mom3", rows, PriceFeatures.Names);
        var trPct = DerivedFeatures.Column("tr_pct", rows, PriceFeatures.Names);

        // Five returns are needed: bar 0 has none, so bars 0–4 are undefined and bar 5 uses r[1..5].
        Assert.True(double.IsNaN(rvol5[4]));
        Assert.Equal(Math.Sqrt(0.0001 + 0.0004 + 0.0009 + 0.0001 + 0.0004), rvol5[5], 15);
        Assert.Equal(Math.Sqrt(5 * 0.005 * 0.005), rvol1[6], 15);
        Assert.True(double.IsNaN(mom3[2]));
        Assert.Equal(Math.Log(106.0 / 103.0), mom3[6], 15);
        Assert.Equal(8.0 / 106, trPct[6], 15);
    }

    [Fact]
    public void CrossSectionalRanksAndZScoresUseOnlyTheSymbolsOfThatDate()
    {
        // Day 1: A 0.03, B −0.01, C 0.01; day 2: A only (B, C missing that day).
        List<FeatureObservation> history =
        [
            Row("A", 0, 100, double.NaN), Row("B", 0, 50, double.NaN), Row("C", 0, 20, double.NaN),
            Row("A", 1, 103, 0.03), Row("B", 1, 49.5, -0.01), Row("C", 1, 20.2, 0.01),
            Row("A", 2, 104, 0.01), Row("A", 3, 105, 0.01), Row("B", 3, 50, 0.01), Row("C", 3, 20, -0.01),
        ];
        var dataset = DatasetBuilder.Build(history, PriceFeatures.Names, ForecastTarget.Ret1, ["xs_rank_logret", "xs_z_logret"],
            new DatasetSplits(Day0.AddDays(10), Day0.AddDays(11)));

        var day1 = dataset.Examples.Where(e => e.FeatureTime == Day0.AddDays(1)).ToDictionary(e => e.Symbol);
        Assert.Equal([0.5f, -0.5f, 0f], new[] { "A", "B", "C" }.Select(s => day1[s].Features[0]));
        var sd = Math.Sqrt((0.02 * 0.02 + 0.02 * 0.02 + 0) / 3); // mean 0.01
        Assert.Equal((float)(0.02 / sd), day1["A"].Features[1]);
        Assert.Equal((float)(-0.02 / sd), day1["B"].Features[1]);
        // Alone on its date, A is ranked in the middle.
        Assert.Equal(0f, dataset.Examples.Single(e => e.FeatureTime == Day0.AddDays(2)).Features[0]);
    }

    [Fact]
    public void EveryInputIsPointInTime()
    {
        // Features at t must not change when everything after t is removed (labels need the future; inputs must not).
        var full = Dow30History.Observations;
        var cut = new DateTime(1996, 6, 28, 0, 0, 0, DateTimeKind.Utc);
        var truncated = full.Where(o => o.EventTime <= cut).ToList();
        var splits = new DatasetSplits(new DateTime(1994, 12, 30, 0, 0, 0, DateTimeKind.Utc), new DateTime(1995, 12, 29, 0, 0, 0, DateTimeKind.Utc));

        var a = DatasetBuilder.Build(full, PriceFeatures.Names, ForecastTarget.Vol5, ModelInputs.Panel, splits);
        var b = DatasetBuilder.Build(truncated, PriceFeatures.Names, ForecastTarget.Vol5, ModelInputs.Panel, splits);

        var later = a.Examples.ToDictionary(e => (e.Symbol, e.FeatureTime));
        Assert.True(b.Examples.Count > 20_000);
        foreach (var e in b.Examples)
        {
            var same = later[(e.Symbol, e.FeatureTime)];
            Assert.Equal(same.Features, e.Features);
            Assert.Equal(same.Label, e.Label);
            Assert.Equal(same.Naive, e.Naive);
        }
    }

    [Fact]
    public void AnUnknownInputIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => DatasetBuilder.Build(Sp500History.Observations, PriceFeatures.Names, ForecastTarget.Ret1, ["logret", "moon_phase"]));
        Assert.Contains("'moon_phase'", e.Message);
    }
}
