using System.Net;
using System.Net.Sockets;

namespace Project01.AppHost.Infrastructure;

/// <summary>Checks made before wiring executables, so a missing binary is one clear message rather than a resource stuck starting.</summary>
public static class Preflight
{
    public const string InstallHint = "Run ./eng/bootstrap.sh (it installs what is missing), or: sudo apt-get install -y postgresql-15 redis-server";

    public static string FindPostgresBin(string root = "/usr/lib/postgresql")
    {
        var candidates = Directory.Exists(root)
            ? Directory.GetDirectories(root).OrderByDescending(d => Path.GetFileName(d) == "15").ThenByDescending(d => d, StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        foreach (var dir in candidates)
        {
            var bin = Path.Combine(dir, "bin");
            if (File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb"))) return bin;
        }
        throw new InvalidOperationException($"PostgreSQL server binaries were not found under {root}/*/bin (need postgres and initdb). {InstallHint}");
    }

    public static string FindRedisServer(string? searchPath = null)
    {
        var path = searchPath ?? string.Join(':', Environment.GetEnvironmentVariable("PATH"), "/usr/bin", "/usr/local/bin");
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "redis-server");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException($"redis-server was not found on PATH. {InstallHint}");
    }

    /// <summary>Returns the port, or a free one when 0; fails clearly when a fixed port is taken.</summary>
    public static int ResolvePort(int port, string what)
    {
        if (port == 0)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            return port;
        }
        catch (SocketException)
        {
            throw new InvalidOperationException(
                $"Port {port} for {what} is already in use (another Project01 run, or another server). Stop it, or set Infra:Ports:{what}=<port> (0 picks a free one).");
        }
    }
}
