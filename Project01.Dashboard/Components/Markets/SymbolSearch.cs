namespace Project01.Dashboard.Components.Markets;

/// <summary>The symbol picker's search: symbols containing the text, those starting with it first, then alphabetical.</summary>
public static class SymbolSearch
{
    public static IEnumerable<string> Find(IEnumerable<string> symbols, string? text)
    {
        var t = text?.Trim() ?? "";
        return symbols.Where(s => s.Contains(t, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => !s.StartsWith(t, StringComparison.OrdinalIgnoreCase)).ThenBy(s => s, StringComparer.Ordinal);
    }
}
