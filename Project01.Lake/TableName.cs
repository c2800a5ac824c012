namespace Project01.Lake;

/// <summary>A table's address: layer (raw = bronze, silver, gold) and name; stored at <c>&lt;layer&gt;/&lt;name&gt;</c>.</summary>
public readonly record struct TableName(string Layer, string Name)
{
    public const string DefaultLayer = "raw";

    public string Path => $"{Layer}/{Name}";

    public override string ToString() => $"{Layer}.{Name}";

    /// <summary>Parses <c>layer.name</c>, <c>layer/name</c> or a bare <c>name</c> (then in the raw layer).</summary>
    public static TableName Parse(string text)
    {
        var parts = text.Trim().Split('.', '/');
        var name = parts.Length switch
        {
            1 => new TableName(DefaultLayer, parts[0]),
            2 => new TableName(parts[0], parts[1]),
            _ => throw new FormatException($"'{text}' is not a table name (expected name or layer.name)"),
        };
        if (!IsIdentifier(name.Layer) || !IsIdentifier(name.Name))
            throw new FormatException($"'{text}' is not a table name: use letters, digits and '_' (starting with a letter)");
        return name;
    }

    private static bool IsIdentifier(string s) =>
        s.Length is > 0 and <= 64 && char.IsAsciiLetter(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
