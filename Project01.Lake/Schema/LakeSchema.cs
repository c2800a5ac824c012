using System.Text.Json;
using System.Text.Json.Nodes;

namespace Project01.Lake.Schema;

public sealed record LakeField(string Name, LakeType Type, bool Nullable = true);

/// <summary>A table's columns, convertible to and from Delta's Spark-style <c>schemaString</c>.</summary>
public sealed class LakeSchema
{
    public LakeSchema(IEnumerable<LakeField> fields)
    {
        Fields = [.. fields];
        var duplicates = Fields.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) throw new ArgumentException($"duplicate column name(s): {string.Join(", ", duplicates)}");
        if (Fields.Count == 0) throw new ArgumentException("a schema needs at least one column");
    }

    public IReadOnlyList<LakeField> Fields { get; }

    public int IndexOf(string name) => Fields.ToList().FindIndex(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public LakeField this[string name] => IndexOf(name) is var i and >= 0 ? Fields[i] : throw new KeyNotFoundException($"no column '{name}'");

    public string ToDeltaJson()
    {
        var fields = new JsonArray();
        foreach (var f in Fields)
            fields.Add(new JsonObject { ["name"] = f.Name, ["type"] = f.Type.ToDelta(), ["nullable"] = f.Nullable, ["metadata"] = new JsonObject() });
        return new JsonObject { ["type"] = "struct", ["fields"] = fields }.ToJsonString();
    }

    public static LakeSchema FromDeltaJson(string schemaString)
    {
        var root = JsonNode.Parse(schemaString) ?? throw new JsonException("empty schema");
        return new LakeSchema(root["fields"]!.AsArray().Select(f => new LakeField(
            f!["name"]!.GetValue<string>(),
            LakeTypes.FromDelta(f["type"]!.GetValue<string>()),
            f["nullable"]?.GetValue<bool>() ?? true)));
    }

    /// <summary>
    /// Why data of <paramref name="incoming"/> cannot be appended to a table of this schema, or null when it can:
    /// same column names and types (order free); a nullable column may receive non-nullable data, not the reverse.
    /// </summary>
    public string? IncompatibilityWith(LakeSchema incoming)
    {
        var problems = new List<string>();
        foreach (var f in Fields)
        {
            var i = incoming.IndexOf(f.Name);
            if (i < 0) { problems.Add($"missing column '{f.Name}' ({f.Type.ToDelta()})"); continue; }
            var g = incoming.Fields[i];
            if (g.Type != f.Type) problems.Add($"column '{f.Name}' is {g.Type.ToDelta()}, table has {f.Type.ToDelta()}");
            else if (g.Nullable && !f.Nullable) problems.Add($"column '{f.Name}' may hold nulls, table requires values");
        }
        foreach (var g in incoming.Fields.Where(g => IndexOf(g.Name) < 0))
            problems.Add($"unknown column '{g.Name}' ({g.Type.ToDelta()})");
        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    public override string ToString() => string.Join(", ", Fields.Select(f => $"{f.Name} {f.Type.ToDelta()}{(f.Nullable ? "" : " not null")}"));
}
