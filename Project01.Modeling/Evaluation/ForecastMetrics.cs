namespace Project01.Modeling.Evaluation;

/// <summary>Point-forecast quality measures. Each returns NaN when undefined (e.g. correlation of a constant).</summary>
public static class ForecastMetrics
{
    public static double Rmse(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        if (predicted.Length == 0) return double.NaN;
        double sum = 0;
        for (var i = 0; i < predicted.Length; i++) sum += (predicted[i] - actual[i]) * (predicted[i] - actual[i]);
        return Math.Sqrt(sum / predicted.Length);
    }

    /// <summary>Information coefficient: Pearson correlation of forecasts with outcomes.</summary>
    public static double InformationCoefficient(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        var n = predicted.Length;
        if (n < 2) return double.NaN;
        double mp = 0, ma = 0;
        for (var i = 0; i < n; i++) { mp += predicted[i]; ma += actual[i]; }
        mp /= n;
        ma /= n;
        double cov = 0, vp = 0, va = 0;
        for (var i = 0; i < n; i++)
        {
            var dp = predicted[i] - mp;
            var da = actual[i] - ma;
            cov += dp * da;
            vp += dp * dp;
            va += da * da;
        }
        return vp == 0 || va == 0 ? double.NaN : cov / Math.Sqrt(vp * va);
    }

    /// <summary>Rank IC: Spearman correlation (Pearson on average ranks, ties shared).</summary>
    public static double RankInformationCoefficient(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        return InformationCoefficient(Ranks(predicted), Ranks(actual));
    }

    /// <summary>Share of outcomes whose sign the forecast got right (zero outcomes are left out).</summary>
    public static double DirectionalAccuracy(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        int hits = 0, counted = 0;
        for (var i = 0; i < predicted.Length; i++)
        {
            if (actual[i] == 0) continue;
            counted++;
            if (Math.Sign(predicted[i]) == Math.Sign(actual[i])) hits++;
        }
        return counted == 0 ? double.NaN : (double)hits / counted;
    }

    /// <summary>
    /// QLIKE loss of volatility forecasts (Patton 2011), on variances: mean of σ²/h − ln(σ²/h) − 1 with σ² the realized
    /// and h the forecast variance. Zero for a perfect forecast; robust to noise in the realized proxy, and it punishes
    /// under-prediction more than over-prediction. Forecasts below <paramref name="floor"/> (a volatility) are raised to
    /// it, since QLIKE is undefined for h ≤ 0; outcomes of exactly 0 (no variance to compare with) are left out.
    /// </summary>
    public static double Qlike(ReadOnlySpan<double> predictedVolatility, ReadOnlySpan<double> realizedVolatility, double floor = 1e-4)
    {
        Check(predictedVolatility, realizedVolatility);
        double sum = 0;
        var n = 0;
        for (var i = 0; i < predictedVolatility.Length; i++)
        {
            var loss = QlikeLoss(predictedVolatility[i], realizedVolatility[i], floor);
            if (double.IsNaN(loss)) continue;
            sum += loss;
            n++;
        }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>One forecast's QLIKE term (what <see cref="Qlike"/> averages); NaN for a realized volatility of 0.</summary>
    public static double QlikeLoss(double predictedVolatility, double realizedVolatility, double floor = 1e-4)
    {
        var realized = realizedVolatility * realizedVolatility;
        if (!(realized > 0)) return double.NaN;
        var forecast = Math.Max(predictedVolatility, floor);
        var ratio = realized / (forecast * forecast);
        return ratio - Math.Log(ratio) - 1;
    }

    /// <summary>Out-of-sample R²: 1 − SSE / SST around the outcomes' own mean (negative when worse than that mean).</summary>
    public static double RSquared(ReadOnlySpan<double> predicted, ReadOnlySpan<double> actual)
    {
        Check(predicted, actual);
        if (actual.Length < 2) return double.NaN;
        double mean = 0;
        foreach (var a in actual) mean += a;
        mean /= actual.Length;
        double sse = 0, sst = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            sse += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
            sst += (actual[i] - mean) * (actual[i] - mean);
        }
        return sst == 0 ? double.NaN : 1 - sse / sst;
    }

    /// <summary>Share of 0/1 outcomes called right by probability forecasts thresholded at 0.5.</summary>
    public static double Accuracy(ReadOnlySpan<double> probability, ReadOnlySpan<double> outcome)
    {
        Check(probability, outcome);
        if (probability.Length == 0) return double.NaN;
        var hits = 0;
        for (var i = 0; i < probability.Length; i++) if ((probability[i] > 0.5) == (outcome[i] > 0.5)) hits++;
        return (double)hits / probability.Length;
    }

    /// <summary>Brier score: mean squared error of probability forecasts of 0/1 outcomes.</summary>
    public static double Brier(ReadOnlySpan<double> probability, ReadOnlySpan<double> outcome)
    {
        var rmse = Rmse(probability, outcome);
        return rmse * rmse;
    }

    /// <summary>Average ranks (1-based), ties receiving the mean of the ranks they span.</summary>
    public static double[] Ranks(ReadOnlySpan<double> values)
    {
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var copy = values.ToArray();
        Array.Sort(order, (a, b) => copy[a].CompareTo(copy[b]));
        var ranks = new double[values.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && copy[order[j + 1]] == copy[order[i]]) j++;
            var rank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++) ranks[order[k]] = rank;
            i = j + 1;
        }
        return ranks;
    }

    /// <summary>The q-quantile (0..1) by linear interpolation between order statistics (R type 7).</summary>
    public static double Quantile(ReadOnlySpan<double> values, double q)
    {
        if (values.Length == 0) return double.NaN;
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static void Check(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) throw new ArgumentException($"lengths differ: {a.Length} predictions, {b.Length} outcomes");
    }
}
