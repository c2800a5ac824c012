using Microsoft.Extensions.Configuration;
using Project01.AppHost.Extensions;
using Project01.AppHost.Infrastructure;
using Project01.AppHost.Security;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: Postgres (registry, offline store, job queue), Redis (online store), Kafka (ticks, news, tweets,
// fundamentals and their dead-letter topics). Containers when a runtime answers, else local executables; always the
// containers when publishing (--publisher manifest), as a deployment runs images, not this machine's binaries.
var infra = builder.AddPlatformInfrastructure();

// Credentials made once per data directory (credentials/): the dashboard's service key and operator password, the
// AppHost's own key, the local Postgres and Redis passwords.
var credentials = infra.Credentials;

// Ingest: replays the bundled real data into Kafka and writes every topic record into the lake exactly once.
var ingest = builder.AddProject<Projects.Project01_Ingest>("ingest")
    .WithKafka(infra)
    .WithPostgres(infra)
    .WithLake(infra)
    .WithServiceKeys(credentials)
    .WithReplayOnStart(builder.Configuration.GetSection("Demo:Datasets").Get<string[]>() ?? ["sp500", "dow30", "macro", "reuters"])
    .WithEnvironment("Sources__Cursors__Directory", infra.DataPath("cursors"))
    .WithHttpHealthCheck("/health")
    .WithHttpCommand("/v1/replays", "Replay S&P 500", commandOptions: new HttpCommandOptions
    {
        Method = HttpMethod.Post,
        Description = "Replays the bundled S&P 500 daily bars into the ticks topic",
        PrepareRequest = context =>
        {
            context.Authenticate(credentials);
            context.Request.Content = JsonContent.Create(new { dataset = "sp500" });
            return Task.CompletedTask;
        },
    });

// Features: one indicator engine for the lake backfill and the live stream; Postgres offline, Redis online.
var features = builder.AddProject<Projects.Project01_Features>("features")
    .WithKafka(infra)
    .WithPostgres(infra)
    .WithRedis(infra)
    .WithLake(infra)
    .WithServiceKeys(credentials)
    .WithHttpHealthCheck("/health");

// Training: queue-driven worker that trains, evaluates and registers ONNX models, and runs the retraining pipeline
// (Quartz, clustered on Postgres); asks for a GPU (one worker per GPU).
var training = builder.AddProject<Projects.Project01_Training>("training")
    .WithPostgres(infra)
    .WithLake(infra)
    .WithServiceKeys(credentials)
    .WithGpuRequest()
    .WithHttpHealthCheck("/health")
    .WithHttpCommand("/v1/training/jobs", "Retrain", commandOptions: new HttpCommandOptions
    {
        Method = HttpMethod.Post,
        Description = "Queues a training run on the current features",
        PrepareRequest = context =>
        {
            context.Authenticate(credentials);
            context.Request.Content = JsonContent.Create(new { target = "ret1", reason = "requested from the Aspire dashboard" });
            return Task.CompletedTask;
        },
    })
    // The retraining pipeline asks Ingest (over HTTP) whether it has caught up.
    .WithReference(ingest)
    .WithHttpCommand("/v1/pipelines/retrain/runs", "Run pipeline", commandOptions: new HttpCommandOptions
    {
        Method = HttpMethod.Post,
        Description = "Runs the retraining pipeline now: ingest, features, drift, retrain, evaluate, promote",
        PrepareRequest = context =>
        {
            context.Authenticate(credentials);
            return Task.CompletedTask;
        },
    });

// Inference: ONNX Runtime serving of the champion model with online features.
var inference = builder.AddProject<Projects.Project01_Inference>("inference")
    .WithPostgres(infra)
    .WithRedis(infra)
    .WithLake(infra)
    .WithServiceKeys(credentials)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithDirectHttpEndpoint();

// Dashboard: MudBlazor workspace; reads only through the services' HTTP APIs.
var dashboard = builder.AddProject<Projects.Project01_Dashboard>("dashboard")
    .WithReference(ingest).WaitFor(ingest)
    .WithReference(features).WaitFor(features)
    .WithReference(training).WaitFor(training)
    .WithReference(inference).WaitFor(inference)
    .WithDashboardCredentials(builder, credentials)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

builder.AddReadyBanner(dashboard, inference, credentials, symbol: "SPX");

builder.Build().Run();
