using Project01.Core.Forecasting;
using Project01.Modeling.Datasets;
using Project01.Modeling.Forecasters;

namespace Project01.Modeling.Evaluation;

/// <summary>
/// Permutation importance (Breiman 2001; scikit-learn's <c>permutation_importance</c>): how much the model's RMSE on
/// held-out rows grows when one input column is shuffled, breaking its link to the label while keeping its
/// distribution. Model-agnostic, so trees, linear models and HAR are compared on one scale. Averaged over repeats
/// with a fixed seed, so a version's importances are reproducible. The lags of one input (a sequence model's window,
/// <c>X_lagK</c>) are shuffled together and reported once, under X: the question is what X contributes, not one day of it.
/// </summary>
public static class PermutationImportance
{
    public static IReadOnlyDictionary<string, double> Compute(IForecaster model, IReadOnlyList<Example> examples, IReadOnlyList<string> inputs,
        int repeats = 3, int maxRows = 5_000, int seed = 17)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        // The newest rows: the ones closest to how the model is used.
        var rows = examples.Skip(Math.Max(0, examples.Count - maxRows)).ToList();
        var result = new Dictionary<string, double>(inputs.Count);
        if (rows.Count < 2) return result;
        var labels = rows.Select(e => e.Label).ToArray();
        var features = rows.Select(e => e.Features).ToList();
        var baseline = ForecastMetrics.Rmse(model.Predict(features), labels);
        var random = new Random(seed);
        var permuted = features.Select(f => (float[])f.Clone()).ToList();
        foreach (var group in Enumerable.Range(0, inputs.Count).GroupBy(k => SequenceInputs.UnlaggedOf(inputs[k])))
        {
            var columns = group.ToArray();
            var increase = 0.0;
            for (var r = 0; r < repeats; r++)
            {
                var order = Enumerable.Range(0, rows.Count).ToArray();
                random.Shuffle(order);
                for (var i = 0; i < rows.Count; i++)
                    foreach (var column in columns) permuted[i][column] = features[order[i]][column];
                increase += ForecastMetrics.Rmse(model.Predict(permuted), labels) - baseline;
            }
            for (var i = 0; i < rows.Count; i++)
                foreach (var column in columns) permuted[i][column] = features[i][column];
            result[group.Key] = increase / repeats;
        }
        return result;
    }
}
