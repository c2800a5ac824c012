using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Project01.DeepForecasting;
using Project01.DeepForecasting.Runtime;

namespace Project01.Training.Deep;

public static partial class DeepTrainingExtensions
{
    /// <summary>
    /// Makes TFT and DeepAR trainable by name (<c>vol5-tft</c>, <c>ret1-deepar</c>) on this worker, on the device chosen
    /// at start-up: logged, reported by the "torch-device" health check and recorded with each run
    /// (<c>training_device</c>).
    /// </summary>
    public static void AddDeepForecasters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeepTrainingOptions>().BindConfiguration(DeepTrainingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<TrainingDevice>();
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("torch-device", sp => sp.GetRequiredService<TrainingDevice>(), HealthStatus.Unhealthy, null));
        builder.Services.AddHostedService<DeepForecastersRegistration>();
    }
}

/// <summary>The device deep models train on, chosen once (a cuda request on a machine without CUDA fails here, clearly).</summary>
public sealed class TrainingDevice(IOptions<DeepTrainingOptions> options) : IHealthCheck
{
    private readonly Lazy<(string Name, string Description)> _device = new(() =>
    {
        TorchThreads.Use(options.Value.Threads ?? 0);
        TorchThreads.Ensure();
        var device = TorchDevice.Choose(options.Value.Device);
        return (device.type == TorchSharp.DeviceType.CUDA ? "cuda" : "cpu", TorchDevice.Describe(device));
    });

    public string Name => _device.Value.Name;
    public string Description => _device.Value.Description;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return Task.FromResult(HealthCheckResult.Healthy($"deep models train on {Description}", new Dictionary<string, object> { ["device"] = Name }));
        }
        catch (Exception e)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"no training device: {e.Message}"));
        }
    }
}

/// <summary>Registers the deep forecasters with the worker's settings before any job runs, and logs the device.</summary>
public sealed partial class DeepForecastersRegistration(IOptions<DeepTrainingOptions> options, TrainingDevice device, ILogger<DeepForecastersRegistration> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var d = new DeepConfig();
        DeepForecasters.Register(d with
        {
            Device = device.Name,
            Epochs = o.Epochs ?? d.Epochs,
            Lookback = o.Lookback ?? d.Lookback,
            Hidden = o.Hidden ?? d.Hidden,
            Seed = o.Seed ?? d.Seed,
            CheckpointDirectory = o.CheckpointDirectory,
        });
        LogDevice(logger, string.Join(", ", DeepNetworks.Algorithms), device.Description);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Deep forecasters {Algorithms} train on {Device}")]
    private static partial void LogDevice(ILogger logger, string algorithms, string device);
}
