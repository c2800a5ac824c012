using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Project01.Ingestion.Import;
using Project01.Ingestion.Replay;
using Project01.ApiKeys;
using Project01.Contracts;
using Project01.IntegrationTests.Tracing;
using System.Net.Http.Json;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>
/// One AppHost for the whole integration suite, in executables mode (no Docker on CI), with its own data directory
/// and free ports so it never collides with a developer's running instance. Records how long start-up took.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    public static readonly string[] Services = ["kafka-broker", "postgres", "redis", "ingest", "features", "training", "inference", "dashboard"];

    public DistributedApplication App { get; private set; } = null!;

    /// <summary>Where Ingest and Features send their spans.</summary>
    public OtlpTraceReceiver Traces { get; } = new();
    public string DataDir { get; } = TestPaths.NewTempDirectory("apphost");
    public TimeSpan StartupTime { get; private set; }

    /// <summary>
    /// How long after start-up the pipeline (replay → lake → features → training → serving) may take. Every test that
    /// waits for it waits until this one deadline, so a broken pipeline costs the suite minutes, not minutes per test.
    /// </summary>
    public static readonly TimeSpan PipelineBudget = TimeSpan.FromMinutes(5);

    public DateTime PipelineDeadline { get; private set; }

    /// <summary>Polls <paramref name="probe"/> every second until it yields a value or the pipeline deadline passes.</summary>
    public Task<T> EventuallyAsync<T>(string what, Func<CancellationToken, Task<(bool Done, T Value, string State)>> probe, CancellationToken ct) =>
        PollAsync(probe, PipelineDeadline, state => $"{what}: not within {PipelineBudget.TotalMinutes:F0} min of start-up; last state: {state}", ct);

    /// <summary>Polls <paramref name="probe"/> every second for up to <paramref name="budget"/> from now: for what a test
    /// sets going itself, after the pipeline is up (a pipeline run, a metric sample).</summary>
    public Task<T> WithinAsync<T>(string what, TimeSpan budget, Func<CancellationToken, Task<(bool Done, T Value, string State)>> probe, CancellationToken ct) =>
        PollAsync(probe, DateTime.UtcNow + budget, state => $"{what}: not within {budget.TotalSeconds:F0} s; last state: {state}", ct);

    /// <summary>Probes once a second (at least once) until done or past <paramref name="deadline"/>.</summary>
    private static async Task<T> PollAsync<T>(Func<CancellationToken, Task<(bool Done, T Value, string State)>> probe, DateTime deadline,
        Func<string, string> timeout, CancellationToken ct)
    {
        var state = "";
        do
        {
            var (done, value, current) = await probe(ct);
            if (done) return value;
            state = current;
            await Task.Delay(1000, ct);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException(timeout(state));
    }

    public async ValueTask InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Project01_AppHost>(
        [
            "--Infra:Mode=executables",
            $"--Infra:DataDir={DataDir}",
            "--Infra:Ports:Postgres=0",
            "--Infra:Ports:Redis=0",
            "--Infra:Ports:Kafka=0",
        ], (options, _) => options.DisableDashboard = true);
        // Service logs go to artifacts/logs/<resource>.log (CI keeps them); the console gets only the test results.
        builder.Services.AddLogging(logging => logging
            .ClearProviders()
            .AddProvider(new FileLoggerProvider(Path.Combine(TestPaths.RepoRoot, "artifacts", "logs")))
            .SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Critical));
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(60)));
        // Deep models train through the worker in DeepForecastersTests on all 31 bundled series (~76,000 windows): small
        // networks and one epoch prove the path within CI time without holding up the worker's other jobs (a TFT epoch
        // is minutes on a loaded 2-core machine), on one thread (two would wait on each other at every op while the
        // other suites hold the cores).
        var trainingResource = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "training");
        trainingResource.Annotations.Add(new EnvironmentCallbackAnnotation(env =>
        {
            env["Training__Deep__Epochs"] = "1";
            env["Training__Deep__Hidden"] = "8";
            env["Training__Deep__Threads"] = "1";
            env["Training__Deep__Lookback"] = DeepForecastersTests.Lookback.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }));
        AddFeaturesReplica(builder);
        // Ingest and Features export their traces to the suite's own OTLP receiver (no dashboard runs here).
        foreach (var name in new[] { "ingest", "features", FeaturesReplica })
            builder.Resources.OfType<ProjectResource>().Single(r => r.Name == name).Annotations.Add(new EnvironmentCallbackAnnotation(env =>
            {
                env["OTEL_EXPORTER_OTLP_ENDPOINT"] = Traces.Endpoint;
                env["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
                env["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            }));
        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await App.StartAsync(cts.Token);
        foreach (var resource in Services)
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        ApiKey = await IssueKeyAsync(cts.Token);
        StartupTime = clock.Elapsed;
        PipelineDeadline = DateTime.UtcNow + PipelineBudget;
        TestContext.Current.SendDiagnosticMessage($"AppHost healthy in {StartupTime.TotalSeconds:F1} s");
    }

    /// <summary>Imports the vendor files in <paramref name="directory"/> into <c>ticks</c>, as <c>p01 import</c> does.</summary>
    public async Task<ImportSummary> ImportAsync(string directory, ImportOptions options, CancellationToken ct)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = (await App.GetConnectionStringAsync("kafka", ct))!, EnableIdempotence = true,
        }).Build();
        var import = new UniverseImport(new KafkaImportTarget(new MarketReplay(producer, NullLogger<MarketReplay>.Instance), producer), NullLogger<UniverseImport>.Instance);
        var summary = await import.RunAsync(UniverseImport.FilesIn(directory), options, ct: ct);
        Interlocked.Add(ref _importedDailyBars, summary.Series.Where(s => Project01.Core.Market.BarInterval.Parse(s.Interval).IsDaily).Sum(s => s.Rows));
        return summary;
    }

    private long _importedDailyBars;

    /// <summary>Daily bars the suite's own imports sent to <c>ticks</c> (<c>raw.bars</c> holds them beside the bundled ones).</summary>
    public long ImportedDailyBars => Interlocked.Read(ref _importedDailyBars);

    /// <summary>Writes daily bars as a vendor file (<c>date,open,high,low,close,volume</c>; prices round-trip exactly).</summary>
    public static Task WriteDailyBarsAsync(string path, IEnumerable<Project01.Core.Market.Bar> bars, CancellationToken ct) =>
        File.WriteAllLinesAsync(path, ["date,open,high,low,close,volume", .. bars.Select(b => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{b.Time:yyyy-MM-dd},{b.Open:R},{b.High:R},{b.Low:R},{b.Close:R},{b.Volume}"))], ct);

    /// <summary>Runs a resource command (start, stop, restart) as the Aspire dashboard would.</summary>
    public async Task ExecuteCommandAsync(string resource, string command, CancellationToken ct)
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>();
        var result = await App.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(model.Resources.Single(r => r.Name == resource), command, ct);
        if (!result.Success) throw new InvalidOperationException($"{command} {resource}: {result.Message}");
    }

    /// <summary>A second Features replica, started only by the test that scales out (FeatureReplicaTests).</summary>
    public const string FeaturesReplica = "features-2";

    /// <summary>
    /// A second instance of Features with the first one's settings (the same consumer group, stores, lake and keys),
    /// on a port of its own and started explicitly: what <c>WithReplicas(2)</c> runs, but with a name of its own so
    /// one test can start and stop it while every other test sees one replica.
    /// </summary>
    private static void AddFeaturesReplica(IDistributedApplicationTestingBuilder builder)
    {
        var features = builder.Resources.OfType<ProjectResource>().Single(r => r.Name == "features");
        var replica = builder.AddProject<Projects.Project01_Features>(FeaturesReplica)
            .WithEndpoint("http", e => e.Port = null) // the launch profile's port is the first replica's
            .WithHttpHealthCheck("/health")
            .WithExplicitStart();
        // The AppHost's settings of features (Kafka, Postgres, Redis, lake, keys) come after the ones every project
        // gets (URLs, telemetry identity), which the replica has of its own.
        var own = replica.Resource.Annotations.OfType<EnvironmentCallbackAnnotation>().Count();
        foreach (var settings in features.Annotations.OfType<EnvironmentCallbackAnnotation>().Skip(own).ToList())
            replica.Resource.Annotations.Add(settings);
    }

    /// <summary>Waits for the pipeline's first SPX forecast (replay, features, training and loading take a while).</summary>
    public Task<ForecastDto> WaitForForecastAsync(CancellationToken ct) =>
        EventuallyAsync("a forecast for SPX", async c =>
        {
            using var response = await Client("inference").GetAsync("/v1/forecast/SPX", c);
            return response.IsSuccessStatusCode
                ? (true, (await response.Content.ReadFromJsonAsync<ForecastDto>(c))!, "")
                : (false, null!, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(c)}");
        }, ct);

    /// <summary>Waits until every bundled SPX bar has its price features.</summary>
    public Task WaitForSpxFeaturesAsync(CancellationToken ct) =>
        EventuallyAsync("SPX features at 5105 rows", async c =>
        {
            var marks = await Client("features").GetFromJsonAsync<FeatureWatermarkDto[]>("/v1/features/watermarks", c);
            return (marks!.Any(m => m.Symbol == "SPX" && m.Rows == 5105), 0, string.Join(", ", marks!.Select(m => $"{m.Symbol}={m.Rows}")));
        }, ct);

    /// <summary>Waits until the job a <c>POST /v1/training/jobs</c> answered ends (succeeded or failed), for up to
    /// <paramref name="budget"/>; returns it as it ended.</summary>
    public Task<TrainingJobDto> UntilTrainedAsync(TrainingJobDto job, TimeSpan budget, CancellationToken ct) =>
        WithinAsync($"{job.Model} training job {job.Id}", budget, async c =>
        {
            var current = (await Client("training").GetFromJsonAsync<TrainingJobDto>($"/v1/training/jobs/{job.Id}", c))!;
            return (current.State is not ("queued" or "running"), current, $"{current.State} {current.Error}");
        }, ct);

    /// <summary>A key of the suite's own (every scope but delegate), issued in the AppHost's key store at start-up.</summary>
    public string ApiKey { get; private set; } = "";

    /// <summary>The client name the suite's key records as the actor.</summary>
    public const string KeyClient = "integration-tests";

    /// <summary>A client of <paramref name="resource"/> that sends the suite's key.</summary>
    public HttpClient Client(string resource)
    {
        var client = AnonymousClient(resource);
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return client;
    }

    /// <summary>A client that sends no key (what an outsider on the network has).</summary>
    public HttpClient AnonymousClient(string resource) => App.CreateHttpClient(resource, "http");

    /// <summary>A client of the dashboard signed in as its operator, through the sign-in form as a browser does.</summary>
    public async Task<HttpClient> DashboardClientAsync(CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = App.GetEndpoint("dashboard", "http"), Timeout = TimeSpan.FromSeconds(60),
        };
        var form = await client.GetStringAsync("/login", ct);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signedIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token), ["username"] = "operator",
            ["password"] = Credential("dashboard-operator-password"), ["returnUrl"] = "/",
        }), ct);
        if (!signedIn.IsSuccessStatusCode || signedIn.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/login", StringComparison.Ordinal))
            throw new InvalidOperationException($"signing in to the dashboard failed: {(int)signedIn.StatusCode} at {signedIn.RequestMessage!.RequestUri}");
        return client;
    }

    /// <summary>A password or key the AppHost generated for this data directory (credentials/&lt;name&gt;).</summary>
    public string Credential(string name) => File.ReadAllText(Path.Combine(DataDir, "credentials", name)).Trim();

    private Task<string> IssueKeyAsync(CancellationToken ct) => IssueKeyAsync(KeyClient, [.. ApiScopes.All.Where(s => s != ApiScopes.Delegate)], ct);

    /// <summary>Issues a key in the AppHost's key store (as <c>p01 keys create</c> does) and returns its secret.</summary>
    public async Task<string> IssueKeyAsync(string client, IReadOnlyCollection<string> scopes, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create((await App.GetConnectionStringAsync("p01db", ct))!);
        var keys = new ApiKeyStore(db);
        await keys.EnsureSchemaAsync(ct);
        return (await keys.CreateAsync(client, scopes, 1_000_000, ct)).Secret;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Traces.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
