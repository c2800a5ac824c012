using Project01.AppHost.Infrastructure;
using Project01.Tests;

namespace Project01.IntegrationTests;

/// <summary>A missing infrastructure binary is one clear message that says what to install.</summary>
public sealed class PreflightTests
{
    [Fact]
    public void MissingPostgresSaysWhatToInstall()
    {
        var empty = TestPaths.NewTempDirectory("nopg");
        var e = Assert.Throws<InvalidOperationException>(() => Preflight.FindPostgresBin(empty));
        Assert.Contains("PostgreSQL server binaries were not found", e.Message);
        Assert.Contains("postgresql-15", e.Message);
        Assert.Contains("eng/bootstrap.sh", e.Message);
    }

    [Fact]
    public void MissingRedisSaysWhatToInstall()
    {
        var empty = TestPaths.NewTempDirectory("noredis");
        var e = Assert.Throws<InvalidOperationException>(() => Preflight.FindRedisServer(empty));
        Assert.Contains("redis-server was not found", e.Message);
        Assert.Contains("apt-get install -y postgresql-15 redis-server", e.Message);
    }

    [Fact]
    public void InstalledBinariesAreFound()
    {
        Assert.True(File.Exists(Path.Combine(Preflight.FindPostgresBin(), "postgres")));
        Assert.EndsWith("redis-server", Preflight.FindRedisServer());
    }

    [Fact]
    public void ATakenPortIsNamedWithTheSettingThatMovesIt()
    {
        using var holder = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var port = ((System.Net.IPEndPoint)holder.LocalEndpoint).Port;
        var e = Assert.Throws<InvalidOperationException>(() => Preflight.ResolvePort(port, "Redis"));
        Assert.Contains($"Port {port} for Redis is already in use", e.Message);
        Assert.Contains("Infra:Ports:Redis", e.Message);
        Assert.NotEqual(0, Preflight.ResolvePort(0, "Redis"));
    }

    [Fact]
    public void AFreePortIsNeverOneTheKernelCouldHandOutAgain()
    {
        var ephemeralLow = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < 20; i++)
            Assert.InRange(Preflight.ResolvePort(0, "Kafka"), 1024, ephemeralLow - 1);
    }
}
