using Microsoft.Extensions.Options;
using Project01.Ingestion.Sources.Cursors;
using Project01.Tests;

namespace Project01.Ingestion.Tests.Sources;

public sealed class FileSourceCursorStoreTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task KeepsOneValuePerKeyAcrossInstances()
    {
        var dir = Path.Combine(TestPaths.NewTempDirectory("cursor-store"), "nested");
        var store = new FileSourceCursorStore(Options.Create(new SourceCursorOptions { Directory = dir }));

        Assert.Null(await store.GetAsync("polygon:aggs:BRK.B:1:minute", _ct));
        await store.SetAsync("polygon:aggs:BRK.B:1:minute", "1717421400000", _ct);
        await store.SetAsync("polygon:aggs:BRK.B:1:minute", "1717421460000", _ct);
        await store.SetAsync("feed:a/b", "x", _ct);
        await store.SetAsync("feed:a?b", "y", _ct); // maps to the same readable name: told apart by a hash

        var reopened = new FileSourceCursorStore(Options.Create(new SourceCursorOptions { Directory = dir }));
        Assert.Equal("1717421460000", await reopened.GetAsync("polygon:aggs:BRK.B:1:minute", _ct));
        Assert.Equal(("x", "y"), (await reopened.GetAsync("feed:a/b", _ct), await reopened.GetAsync("feed:a?b", _ct)));
        Assert.Equal(3, Directory.GetFiles(dir).Length); // no temporary files left behind
        Assert.Contains(Path.Combine(dir, "polygon+aggs+BRK.B+1+minute.cursor"), Directory.GetFiles(dir));
    }
}
