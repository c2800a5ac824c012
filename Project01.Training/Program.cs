using Project01.ApiSecurity;
using Project01.Training.Apis;
using Project01.Training.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApiDefaults();

var app = builder.Build();

app.UseApiDefaults();
app.UseApiSecurity();
app.MapRegistryApi();
app.MapTrainingApi();
app.MapBacktestsApi();
app.MapTuningApi();
app.MapPortfoliosApi();
app.MapMonitoringApi();
app.MapPipelinesApi();
app.MapDefaultEndpoints();

app.Run();
