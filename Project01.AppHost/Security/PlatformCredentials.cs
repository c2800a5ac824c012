using System.Security.Cryptography;
using Project01.ApiKeys;

namespace Project01.AppHost.Security;

/// <summary>A key the AppHost makes for a client of the platform's APIs.</summary>
public sealed record ServiceKey(string Client, string Secret, IReadOnlyList<string> Scopes, int RequestsPerMinute)
{
    public string Hash => Convert.ToHexStringLower(ApiKeyStore.Hash(Secret));
    public string Prefix => ApiKeyStore.PrefixOf(Secret);
}

/// <summary>
/// The local credentials <c>./run.sh</c> needs and nobody should have to type in: the dashboard's service key, the
/// AppHost's own key (for its commands and banner), the dashboard operator's password, and the passwords of the local
/// PostgreSQL and Redis (executables mode; container mode uses Aspire's generated parameters). Each is generated once per
/// data directory into <c>credentials/</c> (owner-only files) and reused by later runs; nothing is committed.
/// </summary>
public sealed class PlatformCredentials
{
    public const string OperatorName = "operator";

    private PlatformCredentials(string directory, ServiceKey dashboard, ServiceKey appHost, string operatorPassword, string postgresPassword, string redisPassword)
    {
        Directory = directory;
        Dashboard = dashboard;
        AppHost = appHost;
        OperatorPassword = operatorPassword;
        PostgresPassword = postgresPassword;
        RedisPassword = redisPassword;
    }

    /// <summary>The local PostgreSQL's <c>postgres</c> password (scram-sha-256; executables mode).</summary>
    public string PostgresPassword { get; }

    /// <summary>The local redis-server's <c>requirepass</c> (executables mode).</summary>
    public string RedisPassword { get; }

    public string Directory { get; }

    /// <summary>Every scope: the dashboard shows everything and acts for its signed-in operators.</summary>
    public ServiceKey Dashboard { get; }

    /// <summary>What the Aspire dashboard's commands do (replay, retrain) and the banner reads (forecasts).</summary>
    public ServiceKey AppHost { get; }

    public string OperatorPassword { get; }

    public IReadOnlyList<ServiceKey> ServiceKeys => [Dashboard, AppHost];

    public string OperatorPasswordFile => Path.Combine(Directory, "dashboard-operator-password");

    public static PlatformCredentials LoadOrCreate(string dataDir)
    {
        var directory = Path.Combine(dataDir, "credentials");
        var created = System.IO.Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(created.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new PlatformCredentials(directory,
            new ServiceKey("dashboard", Secret(directory, "dashboard-api-key", ApiKeyStore.NewSecret), ApiScopes.All, 600_000),
            new ServiceKey("apphost", Secret(directory, "apphost-api-key", ApiKeyStore.NewSecret), [ApiScopes.Replay, ApiScopes.Train, ApiScopes.Forecast], 600),
            Secret(directory, "dashboard-operator-password", NewPassword),
            Secret(directory, "postgres-password", NewPassword),
            Secret(directory, "redis-password", NewPassword));
    }

    /// <summary>24 characters from 18 random bytes (144 bits), URL-safe so it can be typed or pasted anywhere.</summary>
    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    // No byte-order mark: people read these files with cat, $(< file) or copy and paste, and a hidden U+FEFF in front of
    // a key or password made it fail (an API key "unknown", a Postgres login refused).
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static string Secret(string directory, string name, Func<string> generate)
    {
        var path = Path.Combine(directory, name);
        if (File.Exists(path))
        {
            var bytes = File.ReadAllBytes(path);
            var marked = bytes.AsSpan().StartsWith(Utf8Bom);
            if (Utf8.GetString(bytes.AsSpan(marked ? Utf8Bom.Length : 0)).Trim() is { Length: > 0 } existing)
            {
                // Files written before carried the mark: rewrite them once without it, same secret.
                if (marked) Write(path, existing);
                return existing;
            }
        }
        var value = generate();
        Write(path, value);
        return value;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static void Write(string path, string value)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var file = new StreamWriter(path, Utf8, options);
        file.Write(value);
    }
}
