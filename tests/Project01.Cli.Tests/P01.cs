using System.Diagnostics;
using System.Reflection;
using Project01.Tests;

namespace Project01.Cli.Tests;

public sealed record P01Result(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the built <c>p01</c> as a separate process.</summary>
public static class P01
{
    private static string Dll
    {
        get
        {
            var configuration = typeof(P01).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var path = Path.Combine(TestPaths.RepoRoot, "Project01.Cli", "bin", configuration, "net10.0", "p01.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"p01 is not built at {path}");
        }
    }

    public static async Task<P01Result> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new P01Result(process.ExitCode, await stdout, await stderr);
    }
}
