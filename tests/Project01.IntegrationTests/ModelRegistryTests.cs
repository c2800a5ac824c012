using Project01.ModelRegistry.Artifacts;
using Project01.ModelTraining.Jobs;
using Project01.ModelRegistry.Registry;
using Project01.Tests;

namespace Project01.IntegrationTests;

[Collection(AppHostCollection.Name)]
public sealed class ModelRegistryTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static ModelVersionDraft Draft(string name, double ic) => new(name, "ret1", "lightgbm", ["logret", "rsi14"],
        new Dictionary<string, double> { ["test_ic"] = ic, ["undefined"] = double.NaN }, new Dictionary<string, string> { ["leaves"] = "7" },
        "price_v1-abc", [1, 2, 3, (byte)(ic * 100)], -0.01, 0.01, 0.8);

    [Fact]
    public async Task AliasesKeepTheirFullHistoryAndRollBack()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var artifacts = new ModelArtifacts(TestPaths.NewTempDirectory("artifacts"));
        var registry = new ModelRegistryStore(store.Db, artifacts);
        await registry.EnsureSchemaAsync(_ct);

        var v1 = await registry.RegisterAsync(Draft("m", 0.01), _ct);
        var v2 = await registry.RegisterAsync(Draft("m", 0.03), _ct);
        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.False(v1.Metrics.ContainsKey("undefined")); // NaN is not stored as a number
        Assert.Equal(ModelArtifacts.Sha256([1, 2, 3, 1]), v1.OnnxSha256);
        Assert.Equal([1, 2, 3, 3], await artifacts.ReadAsync(v2.ArtifactPath, v2.OnnxSha256, _ct));

        await registry.SetAliasAsync("m", Aliases.Champion, 1, "alice", "first model", _ct);
        await registry.SetAliasAsync("m", Aliases.Champion, 2, "bob", "better IC on test", _ct);
        var rolledBack = await registry.RollbackAsync("m", Aliases.Champion, "carol", "live drawdown", _ct);

        Assert.Equal((1, 2), (rolledBack.Version, rolledBack.PreviousVersion));
        Assert.Equal(1, (await registry.GetByAliasAsync("m", Aliases.Champion, _ct))!.Version);
        var history = await registry.GetAliasHistoryAsync("m", _ct);
        Assert.Equal(["carol", "bob", "alice"], history.Select(h => h.By));
        Assert.Equal("rollback: live drawdown", history[0].Reason);
        Assert.Equal([(int?)2, 1, null], history.Select(h => h.PreviousVersion));

        await Assert.ThrowsAsync<KeyNotFoundException>(() => registry.SetAliasAsync("m", Aliases.Champion, 9, "x", "no such version", _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => registry.SetAliasAsync("m", Aliases.Champion, 1, "x", " ", _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => registry.SetAliasAsync("m", Aliases.Champion, 1, "x", new string('r', 1_001), _ct));
        await Assert.ThrowsAsync<ArgumentException>(() => registry.SetAliasAsync("m", Aliases.Champion, 1, " ", "no one", _ct));
    }

    [Fact]
    public async Task TheJobQueueHandsEachJobToOneWorkerAndRefusesDuplicates()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var queue = new TrainingJobQueue(store.Db);
        await queue.EnsureSchemaAsync(_ct);

        var job = await queue.EnqueueAsync("m", "ret1", "test", "ds-1", _ct);
        Assert.NotNull(job);
        Assert.Null(await queue.EnqueueAsync("m", "ret1", "again", "ds-1", _ct));

        var hour = TimeSpan.FromHours(1);
        var claims = await Task.WhenAll(queue.ClaimNextAsync(hour, _ct), queue.ClaimNextAsync(hour, _ct), queue.ClaimNextAsync(hour, _ct));
        var claimed = Assert.Single(claims, c => c is not null);
        Assert.Equal(("running", job!.Id, 1), (claimed!.State, claimed.Id, claimed.Attempts));
        Assert.Null(await queue.ClaimNextAsync(hour, _ct)); // its lease holds: nobody else takes it

        // A clean shutdown hands it back without counting the attempt.
        await queue.ReleaseAsync(job.Id, _ct);
        Assert.Equal(("queued", 0), await StateAsync(queue, job.Id));
        var again = await queue.ClaimNextAsync(hour, _ct);
        Assert.True(await queue.RenewLeaseAsync(job.Id, again!.Attempts, hour, _ct));
        await queue.FailAsync(again.Id, "boom", _ct);
        Assert.True(await queue.ExistsForDatasetAsync("m", "ds-1", _ct));
        Assert.NotNull(await queue.EnqueueAsync("m", "ret1", "after failure", "ds-2", _ct));
        Assert.Equal("failed", (await queue.GetAsync(job.Id, _ct))!.State);
    }

    [Fact]
    public async Task AJobWhoseWorkerKeepsDyingIsClaimedAgainThenDeadLetteredAndManualJobsAreOnePerModel()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var queue = new TrainingJobQueue(store.Db);
        await queue.EnsureSchemaAsync(_ct);
        var hour = TimeSpan.FromHours(1);

        var job = (await queue.EnqueueManualAsync("ret1-ridge", "ret1", "try it", "alice", _ct))!;
        Assert.Equal("alice", job.RequestedBy);
        Assert.Null(await queue.EnqueueManualAsync("ret1-ridge", "ret1", "again, impatiently", "bob", _ct)); // 409 at the API
        Assert.NotNull(await queue.EnqueueManualAsync("vol5-har", "vol5", "another model", "bob", _ct));

        for (var attempt = 1; attempt <= TrainingJobQueue.MaxAttempts; attempt++)
        {
            var claimed = await queue.ClaimNextAsync(hour, _ct);
            Assert.Equal((job.Id, attempt), (claimed!.Id, claimed.Attempts));
            await ExpireLeasesAsync(store); // the worker was killed: its lease runs out
        }
        var next = await queue.ClaimNextAsync(hour, _ct);
        Assert.NotEqual(job.Id, next?.Id); // the vol5 job, not the one that kills workers
        var dead = (await queue.GetAsync(job.Id, _ct))!;
        Assert.Equal("dead", dead.State);
        Assert.Contains($"stopped while running it {TrainingJobQueue.MaxAttempts} times", dead.Error);
        Assert.NotNull(await queue.EnqueueManualAsync("ret1-ridge", "ret1", "after the dead one", "alice", _ct));
    }

    private static async Task<(string State, int Attempts)> StateAsync(TrainingJobQueue queue, long id)
    {
        var job = (await queue.GetAsync(id, TestContext.Current.CancellationToken))!;
        return (job.State, job.Attempts);
    }

    private static async Task ExpireLeasesAsync(StoreTestDatabase store)
    {
        await using var command = store.Db.CreateCommand("UPDATE training.jobs SET lease_until = now() - interval '1 second' WHERE state = 'running'");
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
