using System.Diagnostics;
using Project01.FeatureStore.Registry;

namespace Project01.FeaturePipelines;

/// <summary>Spans for the two writes of a feature batch, children of the batch's span: a record's trace leads from its
/// publish through the lake writer and the feature stream into each store.</summary>
internal static class FeatureStoreTracing
{
    public const string SourceName = "Project01.FeaturePipelines";
    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string name, FeatureView view, int rows)
    {
        var activity = Source.StartActivity(name, ActivityKind.Client);
        activity?.SetTag("project01.feature_view", view.Key);
        activity?.SetTag("project01.rows", rows);
        return activity;
    }
}
