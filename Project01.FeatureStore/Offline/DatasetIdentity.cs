using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Project01.FeatureStore.Offline;

namespace Project01.FeatureStore.Offline;

/// <summary>
/// A dataset's identity: the feature view version, how far each symbol's history reaches (rows and last event time),
/// the target, the inputs and the code version. Same identity → same training data → no need to train again.
/// </summary>
public static class DatasetIdentity
{
    public static string Compute(string viewKey, IEnumerable<FeatureWatermark> watermarks, string target, IEnumerable<string> inputs)
    {
        var text = new StringBuilder()
            .Append(viewKey).Append('|').Append(target).Append('|').Append(string.Join(',', inputs)).Append('|')
            .Append(typeof(DatasetIdentity).Assembly.GetName().Version);
        foreach (var w in watermarks.Where(w => w.View == viewKey).OrderBy(w => w.Symbol, StringComparer.Ordinal))
            text.Append('|').Append(w.Symbol).Append(':').Append(w.Rows.ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(w.LastEventTime.ToString("O", CultureInfo.InvariantCulture));
        return $"{viewKey}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16]}";
    }
}
