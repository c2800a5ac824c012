using System.Text.Json;
using Project01.Tests;

namespace Project01.ArchitectureTests;

/// <summary>
/// What a built project depends on, transitively: the packages and projects in its <c>.deps.json</c> — the closure the
/// runtime resolves assemblies and native libraries from, so a package there can be loaded by the process.
/// </summary>
public sealed record DependencyClosure(string Project, IReadOnlySet<string> Packages, IReadOnlySet<string> Projects)
{
    /// <summary>The configuration these tests were built in; the projects under test were built alongside.</summary>
    private static string Configuration => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    public static DependencyClosure Of(string project)
    {
        // One .deps.json per output folder, named after the assembly (the CLI's is p01).
        var folder = Path.Combine(TestPaths.RepoRoot, project, "bin", Configuration, "net10.0");
        var path = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.deps.json").SingleOrDefault() : null;
        if (path is null) throw new FileNotFoundException($"no .deps.json in {folder}: build the solution first");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var packages = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var projects = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in json.RootElement.GetProperty("libraries").EnumerateObject())
        {
            var name = library.Name[..library.Name.IndexOf('/', StringComparison.Ordinal)];
            var type = library.Value.GetProperty("type").GetString();
            if (type == "project" && !path.EndsWith($"/{name}.deps.json", StringComparison.Ordinal)) projects.Add(name);
            else if (type == "package") packages.Add(name);
        }
        return new DependencyClosure(project, packages, projects);
    }

    /// <summary>Every package or project of the closure that one of the rules names, with the rule's reason.</summary>
    public IReadOnlyList<string> Violations(IEnumerable<DependencyRule> rules) =>
    [
        .. from rule in rules
           from name in Packages.Concat(Projects)
           where rule.Matches(name)
           select $"{Project} depends on {name}: {rule.Why}",
    ];
}

/// <summary>A forbidden dependency: an exact name, or every name that starts with <c>Prefix.</c>, minus exceptions.</summary>
public sealed record DependencyRule(string Name, string Why, params string[] Except)
{
    public bool Matches(string candidate) =>
        (candidate.Equals(Name, StringComparison.OrdinalIgnoreCase) || candidate.StartsWith(Name + ".", StringComparison.OrdinalIgnoreCase))
        && !Except.Any(e => candidate.Equals(e, StringComparison.OrdinalIgnoreCase) || candidate.StartsWith(e + ".", StringComparison.OrdinalIgnoreCase));
}
