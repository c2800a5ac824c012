using System.Text.Json;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary><c>p01 registry …</c> as a separate process against a private database on the AppHost's Postgres.</summary>
[Collection(AppHostCollection.Name)]
public sealed class RegistryCommandTests(AppHostFixture fixture)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static ModelVersionDraft Draft(double ic) => new("ret1-ridge", "ret1", "ridge", ["logret"],
        new Dictionary<string, double> { ["test_ic"] = ic }, new Dictionary<string, string> { ["alpha"] = "0.1" }, $"price_v1-{ic}", [1, 2, (byte)(ic * 100)], null, null, null);

    private static JsonElement[] JsonLines(P01Result run)
    {
        Assert.True(run.ExitCode == 0, run.Stderr);
        return [.. run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    [Fact]
    public async Task ListPromoteRollbackShowAndBacktestThroughTheCli()
    {
        await using var store = await StoreTestDatabase.CreateAsync(fixture, _ct);
        var registry = new ModelRegistryStore(store.Db, new ModelArtifacts(TestPaths.NewTempDirectory("artifacts")));
        await registry.EnsureSchemaAsync(_ct);
        await registry.RegisterAsync(Draft(0.01), _ct);
        await registry.RegisterAsync(Draft(0.02), _ct);
        // Four symbols over 40 days; the forecast is the outcome plus noise, so a top-2 portfolio makes money.
        var random = new Random(11);
        var day0 = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var predictions = (from d in Enumerable.Range(0, 40)
                           from s in new[] { "AA", "BB", "CC", "DD" }
                           let actual = (random.NextDouble() - 0.5) / 50
                           select new StoredPrediction(s, day0.AddDays(d), day0.AddDays(d + 1), actual + (random.NextDouble() - 0.5) / 100, actual, "test")).ToList();
        await registry.SavePredictionsAsync("ret1-ridge", 2, predictions, _ct);
        var db = store.ConnectionString;

        var list = JsonLines(await P01.RunAsync("registry", "list", "--db", db));
        Assert.Equal([2, 1], list.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(0.02, list[0].GetProperty("metrics").GetProperty("test_ic").GetDouble());

        var first = JsonLines(await P01.RunAsync("registry", "promote", "ret1-ridge", "1", "--reason", "first model", "--db", db)).Single();
        Assert.Equal(Environment.UserName, first.GetProperty("by").GetString());
        var second = JsonLines(await P01.RunAsync("registry", "promote", "ret1-ridge", "2", "--reason", "better IC", "--by", "alice", "--db", db)).Single();
        Assert.Equal((2, 1), (second.GetProperty("version").GetInt32(), second.GetProperty("previous_version").GetInt32()));

        var noReason = await P01.RunAsync("registry", "rollback", "ret1-ridge", "--db", db);
        Assert.Equal(1, noReason.ExitCode);
        Assert.Contains("--reason is required", noReason.Stderr);
        var noVersion = await P01.RunAsync("registry", "promote", "ret1-ridge", "7", "--reason", "typo", "--db", db);
        Assert.Equal(1, noVersion.ExitCode);
        Assert.Contains("has no version 7", noVersion.Stderr);

        var rollback = JsonLines(await P01.RunAsync("registry", "rollback", "ret1-ridge", "--reason", "live drawdown", "--by", "carol", "--db", db)).Single();
        Assert.Equal(1, rollback.GetProperty("version").GetInt32());
        Assert.Equal("rollback: live drawdown", rollback.GetProperty("reason").GetString());
        Assert.Equal(1, (await registry.GetByAliasAsync("ret1-ridge", Aliases.Champion, _ct))!.Version);

        var backtest = JsonLines(await P01.RunAsync("registry", "backtest", "ret1-ridge", "2", "--strategy", "topk:2:1", "--cost-bps", "5", "--db", db)).Single();
        var again = JsonLines(await P01.RunAsync("registry", "backtest", "ret1-ridge", "2", "--strategy", "topk:2:1", "--cost-bps", "5", "--db", db)).Single();
        var runId = backtest.GetProperty("run_id").GetString();
        Assert.Equal(runId, again.GetProperty("run_id").GetString());
        Assert.Equal(backtest.GetProperty("metrics").GetRawText(), again.GetProperty("metrics").GetRawText());
        Assert.True(backtest.GetProperty("metrics").GetProperty("sharpe").GetDouble() > 1);
        Assert.Equal(40, backtest.GetProperty("metrics").GetProperty("periods").GetInt32());

        var show = JsonLines(await P01.RunAsync("registry", "show", "ret1-ridge", "--version", "2", "--db", db)).Single();
        Assert.Equal(["carol", "alice", Environment.UserName], show.GetProperty("alias_history").EnumerateArray().Select(e => e.GetProperty("by").GetString()));
        Assert.Equal(runId, show.GetProperty("backtests").EnumerateArray().Single().GetProperty("run_id").GetString());
        Assert.Empty(show.GetProperty("aliases").EnumerateArray());
    }

    [Fact]
    public async Task WithoutADatabaseTheErrorSaysHowToGiveOne()
    {
        var run = await P01.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__p01db"] = null }, "registry", "list");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("give --db <connection string> or set ConnectionStrings__p01db", run.Stderr);
    }
}
