using Project01.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);

// Infrastructure: Postgres (registry, offline store), Redis (online store), Kafka (ticks, news, tweets, fundamentals).
var infra = builder.AddPlatformInfrastructure();

builder.Build().Run();
