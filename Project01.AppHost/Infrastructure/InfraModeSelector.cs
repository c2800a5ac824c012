using System.Diagnostics;

namespace Project01.AppHost.Infrastructure;

/// <summary>
/// Decides between container images and local executables. Container resources without a running engine only turn
/// "RuntimeUnhealthy" (and a WaitFor on them hangs), so the choice is made once, up front, by asking the engine.
/// </summary>
public static class InfraModeSelector
{
    public static (InfraMode Mode, string Reason) Select(InfraMode configured)
    {
        if (configured == InfraMode.Executables) return (InfraMode.Executables, "configured (Infra:Mode=executables)");
        var (runtime, answer) = ProbeContainerRuntime();
        if (configured == InfraMode.Containers)
        {
            if (runtime is null)
                throw new InvalidOperationException($"Infra:Mode=containers, but no container runtime answered ({answer}). Start Docker or Podman, or use Infra:Mode=executables.");
            return (InfraMode.Containers, $"configured; {runtime} answered");
        }
        return runtime is not null
            ? (InfraMode.Containers, $"auto: {runtime} answered ({answer})")
            : (InfraMode.Executables, $"auto: no container runtime answered ({answer})");
    }

    private static (string? Runtime, string Answer) ProbeContainerRuntime()
    {
        var preferred = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME");
        var answers = new List<string>();
        foreach (var runtime in preferred is { Length: > 0 } ? [preferred] : new[] { "docker", "podman" })
        {
            var (ok, output) = Run(runtime, "info --format {{.ServerVersion}}", TimeSpan.FromSeconds(8));
            if (ok) return (runtime, $"server {output.Trim()}");
            answers.Add($"{runtime}: {FirstLine(output)}");
        }
        return (null, string.Join("; ", answers));
    }

    private static (bool Ok, string Output) Run(string file, string args, TimeSpan timeout)
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(file, args)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            if (p is null) return (false, "could not start");
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(timeout))
            {
                p.Kill(entireProcessTree: true);
                return (false, $"no answer within {timeout.TotalSeconds:0} s");
            }
            return (p.ExitCode == 0, p.ExitCode == 0 ? stdout.Result : stderr.Result + stdout.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (false, "not installed");
        }
    }

    private static string FirstLine(string s) => s.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no output";
}
