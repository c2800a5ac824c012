using System.Diagnostics;
using System.Reflection;

namespace Project01.Tests;

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

    /// <summary>Starts p01 without waiting (for tests that kill it).</summary>
    public static Process Start(params string[] args) => Start(null, args);

    /// <summary>Starts p01 with some environment variables set (a null value removes one).</summary>
    public static Process Start(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    public static Task<P01Result> RunAsync(params string[] args) => RunAsync(null, args);

    public static async Task<P01Result> RunAsync(IReadOnlyDictionary<string, string?>? environment, params string[] args)
    {
        using var process = Start(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"p01 {string.Join(' ', args)} did not finish within 2 minutes; stderr: {await stderr}");
        }
        return new P01Result(process.ExitCode, await stdout, await stderr);
    }
}
