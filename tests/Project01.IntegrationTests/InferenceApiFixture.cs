extern alias inference;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Net.Http.Json;
using Npgsql;
using Project01.Contracts;
using Project01.FeatureStore.Offline;
using Project01.FeatureStore.Online;
using Project01.FeatureStore.Registry;
using Project01.Lake;
using Project01.Lake.Storage;
using Project01.ModelRegistry.Artifacts;
using Project01.ModelRegistry.Registry;
using Project01.Modeling.Datasets;
using Project01.Modeling.Onnx;
using Project01.ApiKeys;
using Project01.Tests;
using InferenceProgram = inference::Program;

namespace Project01.IntegrationTests;

/// <summary>
/// The inference API in process (WebApplicationFactory) on real Postgres and Redis (the AppHost's, in a private
/// database and with symbols of its own), keys required, CUDA requested (so the CPU fallback shows), serving a linear
/// model whose answer is known: <c>logret + bias</c>.
/// </summary>
public sealed class InferenceApiFixture(AppHostFixture apphost) : IAsyncLifetime
{
    public const string Model = "ret1-ridge";
    public static readonly DateTime MarketNow = new(2020, 2, 3, 0, 0, 0, DateTimeKind.Utc);

    private StoreTestDatabase _store = null!;
    private WebApplicationFactory<InferenceProgram> _factory = null!;
    private readonly string _lakeRoot = TestPaths.NewTempDirectory("inference-lake");

    public ModelRegistryStore Registry { get; private set; } = null!;

    /// <summary>Each registered version's bias: a forecast is logret + the bias of the version that answered.</summary>
    public ConcurrentDictionary<int, double> Bias { get; } = new();
    public ApiKeyStore Keys { get; private set; } = null!;
    public string FullKey { get; private set; } = "";
    public string ForecastOnlyKey { get; private set; } = "";
    public string SlowKey { get; private set; } = "";

    /// <summary>Symbols seeded in the online store, unique to this run so nothing else's keys are touched.</summary>
    public string Ready { get; } = Unique("A");
    public string Other { get; } = Unique("B");
    public string WarmingUp { get; } = Unique("W");
    public string Stale { get; } = Unique("S");

    private static string Unique(string tag) => "T" + tag + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant().Replace('0', 'Z').Replace('1', 'Y');

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        _store = await StoreTestDatabase.CreateAsync(apphost, ct);
        Registry = new ModelRegistryStore(_store.Db, new ModelArtifacts(_lakeRoot));
        await Registry.EnsureSchemaAsync(ct);
        Keys = new ApiKeyStore(_store.Db);
        await Keys.EnsureSchemaAsync(ct);
        FullKey = (await Keys.CreateAsync("full", ApiScopes.All, 1_000_000, ct)).Secret;
        ForecastOnlyKey = (await Keys.CreateAsync("forecast-only", [ApiScopes.Forecast], 1_000_000, ct)).Secret;
        SlowKey = (await Keys.CreateAsync("slow", [ApiScopes.Forecast], 3, ct)).Secret;

        // Features: the market clock comes from the offline watermarks, the served values from the online store.
        var view = FeatureView.Price;
        var offline = new OfflineFeatureStore(new Lakehouse(new LocalLakeStorage(_lakeRoot)), _store.Db);
        await offline.EnsureSchemaAsync(view, ct);
        await offline.AppendAsync(view, [Row(Ready, MarketNow, 0.01)], ct);
        var online = new OnlineFeatureStore(_store.Redis);
        await online.WriteLatestAsync(view, [Row(Ready, MarketNow, 0.01), Row(Other, MarketNow, -0.02), Row(Stale, MarketNow.AddDays(-30), 0.0),
            Row(WarmingUp, MarketNow, 0.0, nanFeature: "rsi14")]);

        await RegisterAsync(bias: 0.001, champion: true, ct);

        _factory = new WebApplicationFactory<InferenceProgram>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:p01db", _store.ConnectionString)
            .UseSetting("ConnectionStrings:online-store", _store.RedisConnectionString)
            .UseSetting("Lake:Root", _lakeRoot)
            .UseSetting("Inference:Models:0", Model)
            .UseSetting("Inference:PollSeconds", "1")
            .UseSetting("Inference:PreferCuda", "true")
            .UseSetting("ApiSecurity:MaxRequestBytes", "65536"));
        using var client = Client(FullKey);
        await WaitForVersionAsync(client, 1, ct);
    }

    /// <summary>A price_v1 row with every feature finite (logret as given), or one left NaN.</summary>
    private static FeatureRow Row(string symbol, DateTime time, double logret, string? nanFeature = null)
    {
        var names = FeatureView.Price.Features;
        var values = names.Select((n, i) => n == "logret" ? logret : n == nanFeature ? double.NaN : 0.5 + i / 100.0).ToArray();
        return new FeatureRow(symbol, time, DateTime.UtcNow, values);
    }

    /// <summary>Registers a linear model answering <c>logret + bias</c>; returns its version.</summary>
    public async Task<int> RegisterAsync(double bias, bool champion, CancellationToken ct, string alias = Aliases.Champion)
    {
        var inputs = ModelInputs.Default;
        var onnx = LinearOnnx.Write([.. inputs.Select(i => i == "logret" ? 1.0 : 0.0)], bias, new Dictionary<string, string>());
        var version = await Registry.RegisterAsync(new ModelVersionDraft(Model, "ret1", "ridge", inputs, new Dictionary<string, double>(),
            new Dictionary<string, string>(), "test-dataset", onnx, -0.01, 0.01, 0.8), ct);
        Bias[version.Version] = bias;
        if (champion) await Registry.SetAliasAsync(Model, alias, version.Version, "tests", "functional test", ct);
        return version.Version;
    }

    public HttpClient Client(string? key = null)
    {
        var client = _factory.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public static async Task WaitForVersionAsync(HttpClient client, int version, CancellationToken ct, string alias = "champion")
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var models = await client.GetFromJsonAsync<LoadedModelDto[]>("/v1/models", ct);
            if (models!.Any(m => m.Version == version && m.Alias == alias)) return;
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"the API did not load {Model} v{version} as {alias}");
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        var keys = new[] { Ready, Other, Stale, WarmingUp }.Select(s => (StackExchange.Redis.RedisKey)OnlineFeatureStore.Key(FeatureView.Price, s)).ToArray();
        await _store.Redis.GetDatabase().KeyDeleteAsync(keys);
        await _store.DisposeAsync();
    }
}
