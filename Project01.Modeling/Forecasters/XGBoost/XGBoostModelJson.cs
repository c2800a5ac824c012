using System.Globalization;
using System.Text.Json;
using Project01.Modeling.Forecasters.Trees;

namespace Project01.Modeling.Forecasters.XGBoost;

/// <summary>
/// Reads the trees of an XGBoost model saved as JSON (XGBoosterSaveModelToBuffer, format json; schema in XGBoost's
/// doc/model.schema). Per tree: left_children/right_children (−1 at leaves), split_indices, split_conditions (the
/// threshold, or the leaf value at a leaf: XGBoost keeps both in one field), default_left; and the global
/// learner_model_param.base_score, which the margin starts from.
/// </summary>
public static class XGBoostModelJson
{
    public static TreeEnsemble Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var learner = doc.RootElement.GetProperty("learner");
        var booster = learner.GetProperty("gradient_booster");
        var kind = booster.GetProperty("name").GetString();
        if (kind != "gbtree") throw new NotSupportedException($"XGBoost booster '{kind}' cannot be exported (only gbtree)");
        var param = learner.GetProperty("learner_model_param");
        if (param.TryGetProperty("num_class", out var classes) && Number(classes) > 1)
            throw new NotSupportedException("multi-class XGBoost models cannot be exported as a single regressor");
        var baseScore = float.Parse(param.GetProperty("base_score").GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

        var trees = new List<RegressionTree>();
        foreach (var tree in booster.GetProperty("model").GetProperty("trees").EnumerateArray())
        {
            var left = Ints(tree.GetProperty("left_children"));
            var right = Ints(tree.GetProperty("right_children"));
            var feature = Ints(tree.GetProperty("split_indices"));
            var conditions = tree.GetProperty("split_conditions").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var defaultLeft = tree.GetProperty("default_left").EnumerateArray()
                .Select(e => e.ValueKind is JsonValueKind.True || (e.ValueKind == JsonValueKind.Number && e.GetInt32() != 0)).ToArray();
            if (tree.TryGetProperty("split_type", out var types) && types.EnumerateArray().Any(t => t.GetInt32() != 0))
                throw new NotSupportedException("categorical XGBoost splits cannot be exported");
            var n = left.Length;
            if (right.Length != n || feature.Length != n || conditions.Length != n || defaultLeft.Length != n)
                throw new InvalidDataException($"XGBoost tree {trees.Count}: node arrays differ in length");
            trees.Add(new RegressionTree(feature, conditions, left, right, defaultLeft, conditions));
        }
        return new TreeEnsemble(trees, baseScore);
    }

    private static int[] Ints(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    private static double Number(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture) : e.GetDouble();
}
