namespace Project01.Cli.Commands;

/// <summary>
/// Where <c>./run.sh</c> (executables mode) puts things when run from the repository root: its data directory, and
/// the passwords it generated there for the local PostgreSQL and Redis. The defaults of commands that reach them.
/// </summary>
public static class LocalPlatform
{
    public static string DataDir => ".data";

    public static string LakeRoot => Path.Combine(DataDir, "lake");

    /// <summary>The local AppHost's Postgres, with its generated password when this directory has one.</summary>
    public static string PostgresConnection => "Host=127.0.0.1;Port=55432;Username=postgres;Database=project01" +
        (Credential("postgres-password") is { } password ? $";Password={password}" : "");

    /// <summary>The local AppHost's Redis, with its generated password when this directory has one.</summary>
    public static string RedisConnection => "127.0.0.1:56379" + (Credential("redis-password") is { } password ? $",password={password}" : "");

    private static string? Credential(string name)
    {
        var path = Path.Combine(DataDir, "credentials", name);
        return File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } value ? value : null;
    }
}
