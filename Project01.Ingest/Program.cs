using Project01.ApiSecurity;
using Project01.Ingest.Apis;
using Project01.Ingest.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApiDefaults();

var app = builder.Build();

app.UseApiDefaults();
app.UseApiSecurity();
app.MapIngestApi();
app.MapLakeApi();
app.MapDefaultEndpoints();

app.Run();
