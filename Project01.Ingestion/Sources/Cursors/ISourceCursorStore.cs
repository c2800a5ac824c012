namespace Project01.Ingestion.Sources.Cursors;

/// <summary>Where sources keep their position between runs, so a restart asks the vendor only for what is new.</summary>
public interface ISourceCursorStore
{
    ValueTask<string?> GetAsync(string key, CancellationToken ct = default);

    ValueTask SetAsync(string key, string value, CancellationToken ct = default);
}
