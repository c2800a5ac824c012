using Project01.Inference.Apis;
using Project01.Inference.Extensions;
using Project01.Inference.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApiDefaults();

var app = builder.Build();

app.UseApiDefaults();
app.UseRequestSizeLimit();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapScalarApiReference();
app.MapForecastApi();
app.MapDefaultEndpoints();

app.Run();

public partial class Program;
