using Project01.Training.Apis;
using Project01.Training.Extensions;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddOpenApi();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapRegistryApi();
app.MapTrainingApi();
app.MapDefaultEndpoints();

app.Run();
