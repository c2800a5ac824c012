using System.Globalization;
using Project01.Lake.Data;
using Project01.Lake.Delta;
using Project01.Lake.Schema;

namespace Project01.Lake.Import;

/// <summary>A CSV rejected at a precise place; nothing of it was committed.</summary>
public sealed class CsvImportException(string file, long line, string field, string reason)
    : Exception($"{file}:{line}: field '{field}': {reason}; nothing was imported")
{
    public long Line { get; } = line;
    public string Field { get; } = field;
}

/// <summary>
/// Appends a CSV file to a Delta table in one commit. Column types come from the first non-empty value of each column:
/// an ISO date (yyyy-MM-dd) makes a date column, a number a double column, anything else a string column; every
/// later value must fit its column's type (empty = null). The first row that does not (or that has the wrong number of
/// fields) stops the import, naming its line and field, before anything is written.
/// </summary>
public static class CsvTableImporter
{
    public static async Task<CommitResult> ImportAsync(Lakehouse lake, string path, TableName table, CancellationToken ct = default)
    {
        var batch = Read(path);
        var target = await lake.GetOrCreateTableAsync(table, batch.Schema, null, ct);
        return await target.AppendAsync(batch, null, ct);
    }

    public static RecordBatch Read(string path)
    {
        var file = Path.GetFileName(path);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new CsvImportException(file, 1, "header", "the file is empty");
        var names = SplitOrThrow(header.TrimStart('\uFEFF'), file, 1, -1).Select(n => n.Trim()).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            if (names[i].Length == 0) throw new CsvImportException(file, 1, $"#{i + 1}", "empty column name");
            if (Array.FindIndex(names, n => string.Equals(n, names[i], StringComparison.OrdinalIgnoreCase)) != i)
                throw new CsvImportException(file, 1, names[i], "duplicate column name");
        }

        var rows = new List<(long Line, string[] Fields)>();
        // The first bad place found so far. Columns are checked one after another, so a later column may find an earlier
        // line: keep the lowest (then the leftmost), so the error names the first bad row whichever column found it.
        CsvImportException? firstBad = null;
        void Bad(long line, string field, string reason)
        {
            if (firstBad is null || line < firstBad.Line) firstBad = new CsvImportException(file, line, field, reason);
        }

        long lineNo = 1;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNo++;
            if (line.Length == 0) continue;
            try
            {
                rows.Add((lineNo, SplitOrThrow(line, file, lineNo, names.Length)));
            }
            catch (CsvImportException e)
            {
                firstBad = e; // rows below it cannot come first; a bad value above it still can
                break;
            }
        }

        var types = new LakeType[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            var first = rows.Select(r => r.Fields[c]).FirstOrDefault(v => v.Length > 0);
            types[c] = first is null ? LakeType.String : IsDate(first) ? LakeType.Date : IsNumber(first, out _) ? LakeType.Double : LakeType.String;
        }

        var columns = new Array[names.Length];
        for (var c = 0; c < names.Length; c++)
        {
            switch (types[c])
            {
                case LakeType.Date:
                {
                    var values = new DateOnly?[rows.Count];
                    for (var r = 0; r < rows.Count; r++)
                    {
                        var v = rows[r].Fields[c];
                        if (v.Length == 0) continue;
                        if (!DateOnly.TryParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                        {
                            Bad(rows[r].Line, names[c], $"'{v}' is not an ISO date (the column holds dates)");
                            break;
                        }
                        values[r] = d;
                    }
                    columns[c] = values;
                    break;
                }
                case LakeType.Double:
                {
                    var values = new double?[rows.Count];
                    for (var r = 0; r < rows.Count; r++)
                    {
                        var v = rows[r].Fields[c];
                        if (v.Length == 0) continue;
                        if (!IsNumber(v, out var d))
                        {
                            Bad(rows[r].Line, names[c], $"'{v}' is not a number (the column holds numbers)");
                            break;
                        }
                        values[r] = d;
                    }
                    columns[c] = values;
                    break;
                }
                default:
                    columns[c] = rows.Select(r => r.Fields[c].Length == 0 ? null : r.Fields[c]).ToArray();
                    break;
            }
        }
        if (firstBad is not null) throw firstBad;
        return new RecordBatch(new LakeSchema(names.Select((n, i) => new LakeField(n, types[i]))), columns);
    }

    private static string[] SplitOrThrow(string line, string file, long lineNo, int expected)
    {
        // The header may be as wide as it likes (room for every comma, quoted or not); a row gets one slot more than the
        // header has columns, which the splitter fills only to say "too many".
        var ranges = new Range[expected >= 0 ? expected + 1 : line.Count(',') + 1];
        var count = Project01.Core.Market.CsvLine.Split(line, ranges);
        if (count < 0) throw new CsvImportException(file, lineNo, "line", "unbalanced quote");
        if (expected >= 0 && count > expected) throw new CsvImportException(file, lineNo, "line", $"expected {expected} fields, found more");
        if (expected >= 0 && count != expected) throw new CsvImportException(file, lineNo, "line", $"expected {expected} fields, found {count}");
        var fields = new string[count];
        for (var i = 0; i < count; i++) fields[i] = Project01.Core.Market.CsvLine.Unquote(line.AsSpan()[ranges[i]]);
        return fields;
    }

    private static bool IsDate(string s) => s.Length == 10 && DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsNumber(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
