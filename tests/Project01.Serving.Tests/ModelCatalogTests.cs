using Project01.ModelRegistry.Registry;
using Project01.Serving.Forecasting;

namespace Project01.Serving.Tests;

public sealed class ModelCatalogTests
{
    private static float Score(LoadedModel model, float a, float b) => Assert.Single(model.Session.Predict([a, b]));

    [Fact]
    public void AnEmptyCatalogServesNothing()
    {
        var catalog = new ModelCatalog();

        Assert.Null(catalog.Get("ret1", Aliases.Champion));
        Assert.Empty(catalog.All);
        Assert.Empty(catalog.Targets);
    }

    [Fact]
    public void ASwappedInModelIsServedUnderItsTargetAndAlias()
    {
        var catalog = new ModelCatalog();
        var champion = LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 0.5f);

        catalog.Swap(champion);

        Assert.Same(champion, catalog.Get("ret1", Aliases.Champion));
        Assert.Null(catalog.Get("ret1", Aliases.Challenger));
        Assert.Null(catalog.Get("vol5", Aliases.Champion));
        Assert.Equal(3.5f, Score(catalog.Get("ret1", Aliases.Champion)!, 1, 2), 5);
    }

    [Fact]
    public void ChampionAndChallengerOfATargetAreServedSideBySide()
    {
        var catalog = new ModelCatalog();
        var champion = LinearModel.Loaded("vol5", Aliases.Champion, 3, bias: 0);
        var challenger = LinearModel.Loaded("vol5", Aliases.Challenger, 4, bias: 10);

        catalog.Swap(champion);
        catalog.Swap(challenger);

        Assert.Same(champion, catalog.Get("vol5", Aliases.Champion));
        Assert.Same(challenger, catalog.Get("vol5", Aliases.Challenger));
        Assert.Equal(["vol5"], catalog.Targets);
    }

    [Fact]
    public void ASwapReplacesTheModelAndTheOldOneFinishesItsRequests()
    {
        var catalog = new ModelCatalog();
        var v1 = LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 1);
        var v2 = LinearModel.Loaded("ret1", Aliases.Champion, 2, bias: 2);
        catalog.Swap(v1);
        var inFlight = catalog.Get("ret1", Aliases.Champion)!; // a request took the model before the swap

        catalog.Swap(v2);

        Assert.Same(v2, catalog.Get("ret1", Aliases.Champion));
        Assert.Equal([v2], catalog.All);
        Assert.Equal(5f, Score(catalog.Get("ret1", Aliases.Champion)!, 1, 2), 5);
        // The old session is disposed only after a grace period, so the request in flight still scores.
        Assert.Equal(4f, Score(inFlight, 1, 2), 5);
    }

    [Fact]
    public void RemovingAnAliasLeavesTheOthers()
    {
        var catalog = new ModelCatalog();
        var champion = LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 0);
        var challenger = LinearModel.Loaded("ret1", Aliases.Challenger, 2, bias: 0);
        catalog.Swap(champion);
        catalog.Swap(challenger);

        catalog.Remove("ret1", Aliases.Challenger);

        Assert.Null(catalog.Get("ret1", Aliases.Challenger));
        Assert.Same(champion, catalog.Get("ret1", Aliases.Champion));
        Assert.Equal(3f, Score(challenger, 1, 2), 5); // still usable by a request that holds it
        catalog.Remove("ret1", Aliases.Challenger); // removing what is not served is a no-op
        catalog.Remove("dir1", Aliases.Champion);
        Assert.Equal([champion], catalog.All);
    }

    [Fact]
    public void ATargetIsListedWhileAnyAliasServesIt()
    {
        var catalog = new ModelCatalog();
        catalog.Swap(LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 0));
        catalog.Swap(LinearModel.Loaded("vol5", Aliases.Challenger, 1, bias: 0));

        catalog.Remove("ret1", Aliases.Champion);

        Assert.Equal(["vol5"], catalog.Targets);
    }

    [Fact]
    public void AllAndTargetsAreOrderedByTargetThenAlias()
    {
        var catalog = new ModelCatalog();
        var vol5 = LinearModel.Loaded("vol5", Aliases.Champion, 1, bias: 0);
        var ret1Champion = LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 0);
        var ret1Challenger = LinearModel.Loaded("ret1", Aliases.Challenger, 2, bias: 0);
        var dir1 = LinearModel.Loaded("dir1", Aliases.Champion, 1, bias: 0);
        foreach (var m in new[] { vol5, ret1Champion, dir1, ret1Challenger }) catalog.Swap(m);

        Assert.Equal([dir1, ret1Challenger, ret1Champion, vol5], catalog.All);
        Assert.Equal(["dir1", "ret1", "vol5"], catalog.Targets);
    }

    [Fact]
    public void AllIsASnapshotNotALiveView()
    {
        var catalog = new ModelCatalog();
        catalog.Swap(LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 0));
        var all = catalog.All;
        var targets = catalog.Targets;

        catalog.Swap(LinearModel.Loaded("vol5", Aliases.Champion, 1, bias: 0));

        Assert.Single(all);
        Assert.Single(targets);
    }

    [Fact]
    public async Task ReadersNeverSeeAGapWhileModelsAreSwapped()
    {
        // One writer swaps versions 1..N of the champion while a reader polls: every read finds a model, and versions
        // only move forward. The models share one session (swaps are about references, not ONNX).
        var catalog = new ModelCatalog();
        var first = LinearModel.Loaded("ret1", Aliases.Champion, 1, bias: 0);
        catalog.Swap(first);
        const int versions = 2_000;
        var writer = Task.Run(() =>
        {
            for (var v = 2; v <= versions; v++) catalog.Swap(first with { Version = first.Version with { Version = v } });
        }, TestContext.Current.CancellationToken);

        var last = 0;
        while (last < versions)
        {
            var seen = catalog.Get("ret1", Aliases.Champion);
            Assert.NotNull(seen);
            Assert.True(seen.Version.Version >= last, $"version went back from {last} to {seen.Version.Version}");
            last = seen.Version.Version;
            if (writer.IsFaulted) await writer;
        }
        await writer;
        Assert.Equal(versions, catalog.Get("ret1", Aliases.Champion)!.Version.Version);
    }
}
