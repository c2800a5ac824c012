using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
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
    public string DataDir { get; } = TestPaths.NewTempDirectory("apphost");
    public TimeSpan StartupTime { get; private set; }

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
        builder.Services.ConfigureHttpClientDefaults(http => http.ConfigureHttpClient(c => c.Timeout = TimeSpan.FromSeconds(60)));
        App = await builder.BuildAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        await App.StartAsync(cts.Token);
        foreach (var resource in Services)
            await App.ResourceNotifications.WaitForResourceHealthyAsync(resource, cts.Token);
        StartupTime = clock.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"AppHost healthy in {StartupTime.TotalSeconds:F1} s");
    }

    public HttpClient Client(string resource) => App.CreateHttpClient(resource, "http");

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try { Directory.Delete(DataDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "AppHost";
}
