using System.Globalization;
using System.Text.Json;
using Project01.Core.Data;

namespace Project01.Nlp.Corpora;

/// <summary>The 70 bundled Reuters-21578 articles of 1987 (topics crude and acq).</summary>
public static class ReutersCorpus
{
    private static readonly Lazy<IReadOnlyList<NewsArticle>> Articles = new(() =>
    {
        using var reader = BundledData.OpenText(BundledData.Reuters1987News);
        return Read(reader, BundledData.Reuters1987News);
    });

    public static IReadOnlyList<NewsArticle> Load() => Articles.Value;

    /// <summary>Reads JSON lines with id, topic, datetime, heading, text and places; a bad line throws with its number.</summary>
    public static IReadOnlyList<NewsArticle> Read(TextReader jsonl, string source)
    {
        var articles = new List<NewsArticle>();
        var lineNumber = 0;
        while (jsonl.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                articles.Add(new NewsArticle(
                    root.GetProperty("id").GetString() ?? "",
                    root.GetProperty("topic").GetString() ?? "",
                    DateTime.Parse(root.GetProperty("datetime").GetString() ?? "", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                    root.GetProperty("heading").GetString() ?? "",
                    root.GetProperty("text").GetString() ?? "",
                    root.TryGetProperty("places", out var places) ? [.. places.EnumerateArray().Select(p => p.GetString() ?? "")] : []));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{source}:{lineNumber}: {e.Message}", e);
            }
        }
        return articles;
    }
}
