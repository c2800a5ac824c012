using Project01.Inference.Apis;
using Project01.Inference.Extensions;
using Project01.ApiSecurity;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApiDefaults();

var app = builder.Build();

app.UseApiDefaults();
app.UseApiSecurity();
app.MapScalarApiReference();
app.MapForecastApi();
app.MapRiskApi();
app.MapDefaultEndpoints();

app.Run();

public partial class Program;
