using System.Text;
using Project01.AppHost.Security;

namespace Project01.IntegrationTests.Security;

/// <summary>The credential files are what people read with cat or paste from: exactly the secret, no byte-order mark.</summary>
public sealed class PlatformCredentialsTests : IDisposable
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private readonly string _dataDir = Directory.CreateTempSubdirectory("p01-credentials-").FullName;

    [Fact]
    public void EachFileHoldsExactlyItsSecretAndTheNextRunReadsTheSame()
    {
        var first = PlatformCredentials.LoadOrCreate(_dataDir);
        var files = new Dictionary<string, string>
        {
            ["dashboard-api-key"] = first.Dashboard.Secret, ["apphost-api-key"] = first.AppHost.Secret,
            ["dashboard-operator-password"] = first.OperatorPassword, ["postgres-password"] = first.PostgresPassword,
            ["redis-password"] = first.RedisPassword,
        };
        foreach (var (name, secret) in files)
            Assert.Equal(Encoding.ASCII.GetBytes(secret), File.ReadAllBytes(Path.Combine(first.Directory, name)));

        var second = PlatformCredentials.LoadOrCreate(_dataDir);
        Assert.Equal((first.Dashboard.Secret, first.OperatorPassword, first.PostgresPassword), (second.Dashboard.Secret, second.OperatorPassword, second.PostgresPassword));
    }

    [Fact]
    public void AFileWrittenWithAByteOrderMarkIsRewrittenWithoutItKeepingItsSecret()
    {
        var directory = Directory.CreateDirectory(Path.Combine(_dataDir, "credentials")).FullName;
        var path = Path.Combine(directory, "postgres-password");
        File.WriteAllBytes(path, [.. Bom, .. "kept-from-an-earlier-run"u8]);

        var credentials = PlatformCredentials.LoadOrCreate(_dataDir);

        Assert.Equal("kept-from-an-earlier-run", credentials.PostgresPassword);
        Assert.Equal("kept-from-an-earlier-run"u8.ToArray(), File.ReadAllBytes(path));
    }

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);
}
