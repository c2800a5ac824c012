namespace Project01.Core.Market;

/// <summary>
/// Splits one CSV line into field ranges without allocating. Supports RFC 4180 quoting within a line
/// (the bundled files quote only fields that contain a comma or quote); a quoted field's range excludes the quotes
/// and doubled quotes are reported through <see cref="Unquote"/>.
/// </summary>
public static class CsvLine
{
    /// <summary>Fills <paramref name="ranges"/> with the fields of <paramref name="line"/>; returns the count, or -1 on a broken quote.</summary>
    public static int Split(ReadOnlySpan<char> line, Span<Range> ranges)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            if (count == ranges.Length) return count + 1; // more fields than expected: report "too many"
            if (i < line.Length && line[i] == '"')
            {
                var start = i + 1;
                var j = start;
                while (true)
                {
                    var q = line[j..].IndexOf('"');
                    if (q < 0) return -1;
                    j += q;
                    if (j + 1 < line.Length && line[j + 1] == '"') { j += 2; continue; }
                    break;
                }
                ranges[count++] = start..j;
                i = j + 1;
                if (i == line.Length) return count;
                if (line[i] != ',') return -1;
                i++;
            }
            else
            {
                var comma = line[i..].IndexOf(',');
                if (comma < 0) { ranges[count++] = i..line.Length; return count; }
                ranges[count++] = i..(i + comma);
                i += comma + 1;
            }
        }
    }

    public static string Unquote(ReadOnlySpan<char> field) =>
        field.Contains('"') ? field.ToString().Replace("\"\"", "\"", StringComparison.Ordinal) : field.ToString();
}
