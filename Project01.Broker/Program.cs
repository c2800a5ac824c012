using Project01.Broker;

var builder = WebApplication.CreateBuilder(args);
builder.AddBasicServiceDefaults();

builder.Services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<EmbeddedBrokerService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBrokerService>());
builder.Services.AddHealthChecks().AddCheck<EmbeddedBrokerService>("mock-cluster", tags: ["ready"]);

var app = builder.Build();
app.MapDefaultEndpoints();
app.Run();
