using System.Globalization;
using Project01.Core.Features;
using Project01.Core.Forecasting;
using Project01.Core.Market;
using Project01.Modeling.Datasets;

namespace Project01.Modeling.Benchmarking;

/// <summary>
/// The gradient-boosting benchmark's data: every bar of a panel file becomes the 23 <c>price_v1</c> features (the
/// streaming engine's batch pass) and its vol5 label (realised volatility of the next five log returns); the first 70 %
/// of dates train, the dates after a five-day purge test. Written to CSV so the Python peer fits the identical floats.
/// </summary>
public sealed record GradientBoostingDataset(IReadOnlyList<string> Inputs, IReadOnlyList<Example> Train, IReadOnlyList<Example> Test)
{
    public const double TrainFraction = 0.70;

    public static GradientBoostingDataset FromPanel(string panelCsv)
    {
        var bySymbol = new Dictionary<string, List<Bar>>(StringComparer.Ordinal);
        using (var reader = new StreamReader(panelCsv))
            foreach (var bar in new MarketCsvReader(Path.GetFileName(panelCsv), "").ReadStrict(reader))
            {
                if (!bySymbol.TryGetValue(bar.Symbol, out var list)) bySymbol[bar.Symbol] = list = [];
                list.Add(bar);
            }
        var dates = bySymbol.Values.SelectMany(b => b.Select(x => x.Time)).Distinct().Order().ToArray();
        if (dates.Length < 20) throw new InvalidDataException($"{panelCsv}: {dates.Length} dates; the benchmark needs at least 20");
        var trainEnd = dates[(int)(dates.Length * TrainFraction) - 1];
        // Purge: a train label reads five returns past its bar, so test starts five dates after the last train date.
        var testStart = dates[Math.Min(dates.Length - 1, Array.IndexOf(dates, trainEnd) + 6)];

        var k = PriceFeatures.Count;
        List<Example> train = [], test = [];
        foreach (var (symbol, bars) in bySymbol)
        {
            var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bars);
            var features = PriceFeatureEngine.ComputeBatch(span);
            var returns = new double[bars.Count];
            returns[0] = double.NaN;
            for (var i = 1; i < bars.Count; i++) returns[i] = Math.Log(bars[i].Close / bars[i - 1].Close);
            for (var i = 0; i < bars.Count; i++)
            {
                var label = TargetLabels.Label(ForecastTarget.Vol5, returns, i);
                var time = bars[i].Time;
                if (!double.IsFinite(label) || (time > trainEnd && time < testStart)) continue;
                var x = new float[k];
                for (var j = 0; j < k; j++) x[j] = (float)features[i * k + j];
                var example = new Example(symbol, time, time, x, (float)label, time <= trainEnd ? Split.Train : Split.Test);
                (time <= trainEnd ? train : test).Add(example);
            }
        }
        return new GradientBoostingDataset(PriceFeatures.Names, train, test);
    }

    /// <summary>Writes the inputs then <c>label</c>, floats in their shortest round-trip form (NaN as empty).</summary>
    public static void Write(string path, IReadOnlyList<string> inputs, IReadOnlyList<Example> examples)
    {
        using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 20);
        writer.WriteLine(string.Join(',', inputs) + ",label");
        Span<char> number = stackalloc char[32];
        foreach (var e in examples)
        {
            foreach (var v in e.Features)
            {
                if (float.IsFinite(v) && v.TryFormat(number, out var n, "R", CultureInfo.InvariantCulture)) writer.Write(number[..n]);
                writer.Write(',');
            }
            writer.WriteLine(((float)e.Label).ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
