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
        if (port == 0) return FreePortOutsideEphemeralRange();
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

    /// <summary>
    /// A free port below the kernel's ephemeral range. A port from bind(0) is itself ephemeral: released after the probe,
    /// the kernel may hand it to the next bind(0) anywhere (the embedded broker's own internal listener did exactly
    /// that), and the service that was promised it then fails to start. Ports below the range are never handed out so.
    /// </summary>
    private static int FreePortOutsideEphemeralRange()
    {
        var ephemeralLow = 32768;
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            ephemeralLow = int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            // Not Linux (or unreadable): keep the IANA default lower bound.
        }
        var low = Math.Min(20_000, ephemeralLow / 2);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var candidate = Random.Shared.Next(low, ephemeralLow);
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, candidate);
                probe.Start();
                return candidate;
            }
            catch (SocketException)
            {
                // taken: try another
            }
        }
        throw new InvalidOperationException($"no free port found between {low} and {ephemeralLow}");
    }
}
