using Project01.ApiSecurity;
using Project01.Features.Apis;
using Project01.Features.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApiDefaults();

var app = builder.Build();

app.UseApiDefaults();
app.UseApiSecurity();
app.MapFeaturesApi();
app.MapSentimentApi();
app.MapDefaultEndpoints();

app.Run();
