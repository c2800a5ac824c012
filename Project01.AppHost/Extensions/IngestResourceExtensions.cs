namespace Project01.AppHost.Extensions;

public static class IngestResourceExtensions
{
    /// <summary>Bundled datasets the ingest service replays at start-up (each only if the lake lacks it).</summary>
    public static IResourceBuilder<ProjectResource> WithReplayOnStart(this IResourceBuilder<ProjectResource> ingest, IReadOnlyList<string> datasets)
    {
        for (var i = 0; i < datasets.Count; i++) ingest.WithEnvironment($"Ingest__ReplayOnStart__{i}", datasets[i]);
        return ingest;
    }
}
