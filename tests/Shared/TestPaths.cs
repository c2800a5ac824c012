using System.Reflection;

namespace Project01.Tests;

/// <summary>Where the repository, its test fixtures and the shared data folder beside it are.</summary>
public static class TestPaths
{
    private static string Metadata(string key) =>
        Assembly.GetExecutingAssembly().GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing (set in tests/Directory.Build.props)");

    public static string RepoRoot => Path.GetFullPath(Metadata("RepoRoot"));
    public static string Fixtures => Path.GetFullPath(Metadata("FixturesDir"));
    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);
    public static string BundledData(string name) => Path.Combine(RepoRoot, "data", name);

    /// <summary>A fresh directory under the system temp folder, deleted by the caller (or left for inspection).</summary>
    public static string NewTempDirectory(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), "p01-tests", $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
