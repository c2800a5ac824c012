using System.Globalization;
using System.Text;
using CsCheck;
using Project01.Lake.Data;
using Project01.Lake.Delta;
using Project01.Lake.Import;
using Project01.Lake.Schema;
using Project01.Tests;

namespace Project01.Lake.Tests;

/// <summary>
/// Properties of <see cref="CsvTableImporter"/>: any table written as CSV (any width, nulls, quoting, odd column names)
/// comes back with the inferred types and the same values; one bad cell or row is named by line and field; arbitrary
/// bytes give a batch or a <see cref="CsvImportException"/>, nothing else; and a rejected file leaves the lake exactly
/// as it was ("nothing was imported").
/// </summary>
public sealed class CsvTableImportProperties : IDisposable
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly TableName Target = TableName.Parse("imported");
    private readonly string _dir = TestPaths.NewTempDirectory("csvprop");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private enum Kind { Date, Number, Text }

    /// <summary>A column as generated: its name as written (the importer trims it) and its cells (null = empty).</summary>
    private sealed record Column(string Name, Kind Kind, string?[] Cells)
    {
        public bool AnyValue => Cells.Any(c => c is not null);

        // A column with no value at all has nothing to infer from: it is a string column of nulls.
        public LakeType Expected => !AnyValue ? LakeType.String : Kind switch { Kind.Date => LakeType.Date, Kind.Number => LakeType.Double, _ => LakeType.String };
    }

    private sealed record Table(Column[] Columns, int Rows)
    {
        public override string ToString() => $"{Columns.Length} columns × {Rows} rows: " +
            string.Join(" | ", Columns.Select(c => $"{c.Name}:{c.Kind}=[{string.Join(";", c.Cells.Select(v => v ?? "∅"))}]"));
    }

    /// <summary>A table rendered as CSV text, with the physical line each data row sits on.</summary>
    private sealed record Csv(string Text, long[] Lines);

    private static readonly Gen<string?> Null = Gen.Const((string?)null);

    private static readonly Gen<string?> DateCell = Gen.Int[0, DateOnly.MaxValue.DayNumber].Select(d => (string?)DateOnly.FromDayNumber(d).ToString("yyyy-MM-dd", Inv));

    private static readonly Gen<string?> NumberCell =
        Gen.Select(Gen.OneOf(Gen.Double[-1e6, 1e6], Gen.Double.Where(double.IsFinite), Gen.Int[-1000, 1000].Select(i => (double)i)), Gen.Int[0, 4])
            .Select((v, pad) => (string?)(pad == 0 ? $" {v.ToString("R", Inv)} " : v.ToString("R", Inv))); // whitespace around a number is allowed

    // Commas, quotes, tabs, non-ASCII and digits: everything a string cell may hold short of a line break.
    private static readonly Gen<string?> TextCell = Gen.Char["abcXYZ 019,\"é€_-.:;'\t"].Array[1, 12].Select(c => (string?)new string(c));

    private static Gen<Column> ColumnGen(int rows) =>
        Gen.Select(Gen.Int[0, 2], Gen.Char["abZ _,\"é-"].Array[0, 6]).SelectMany(t =>
        {
            var kind = (Kind)t.Item1;
            var cell = kind switch { Kind.Date => DateCell, Kind.Number => NumberCell, _ => TextCell };
            return Gen.Frequency((1, Null), (4, cell)).Array[rows].Select(cells => new Column(new string(t.Item2), kind, cells));
        });

    private static Gen<Table> TableGen(int maxRows, int maxWidth) =>
        Gen.Select(Gen.Int[0, maxRows], Gen.Int[1, maxWidth]).SelectMany(t => ColumnGen(t.Item1).Array[t.Item2].Select(cols => MakeTable(cols, t.Item1)));

    private static Table MakeTable(Column[] columns, int rows) =>
        new([.. columns.Select((c, i) =>
        {
            // c<i>_ keeps names unique whatever the suffix; a string column's first value starts with a letter so it is not
            // taken for a number or a date (later values may look like anything and stay strings).
            var cells = (string?[])c.Cells.Clone();
            var first = Array.FindIndex(cells, v => v is not null);
            if (c.Kind == Kind.Text && first >= 0 && !char.IsLetter(cells[first]![0])) cells[first] = "s" + cells[first];
            return c with { Name = $"c{i}_{c.Name}", Cells = cells };
        })], rows);

    private static string Quote(string s, Random random) =>
        s.Contains(',') || s.Contains('"') ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : random.Next(5) == 0 ? $"\"{s}\"" : s;

    /// <summary>Renders the table; <paramref name="breakRow"/> may rewrite one row's cells into a bad line.</summary>
    private static Csv Render(Table table, int seed, int brokenRow = -1, Func<string[], string>? breakRow = null)
    {
        var random = new Random(seed);
        var newLine = random.Next(2) == 0 ? "\n" : "\r\n";
        var text = new StringBuilder(random.Next(4) == 0 ? "\uFEFF" : "");
        text.AppendJoin(',', table.Columns.Select(c => Quote(c.Name, random)));
        var line = 1L;
        var lines = new long[table.Rows];
        for (var r = 0; r < table.Rows; r++)
        {
            text.Append(newLine);
            while (random.Next(8) == 0) { text.Append(newLine); line++; } // blank lines are skipped but counted
            // A null is an empty cell; quoted ("") now and then, and always when it is the only cell (an empty line is skipped).
            var cells = table.Columns.Select(c => c.Cells[r] is { } v ? Quote(v, random) : table.Columns.Length == 1 || random.Next(4) == 0 ? "\"\"" : "").ToArray();
            text.Append(r == brokenRow ? breakRow!(cells) : string.Join(',', cells));
            lines[r] = ++line;
        }
        if (random.Next(2) == 0) text.Append(newLine);
        return new Csv(text.ToString(), lines);
    }

    private string WriteFile(string text)
    {
        var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static void AssertHolds(Table table, RecordBatch batch)
    {
        Assert.Equal(table.Columns.Select(c => (c.Name.Trim(), c.Expected)), batch.Schema.Fields.Select(f => (f.Name, f.Type)));
        Assert.Equal(table.Rows, batch.Length);
        foreach (var c in table.Columns)
        {
            var name = c.Name.Trim();
            switch (c.Expected)
            {
                case LakeType.Date:
                    Assert.Equal(c.Cells.Select(v => v is null ? (DateOnly?)null : DateOnly.ParseExact(v, "yyyy-MM-dd", Inv)), batch.Column<DateOnly?>(name));
                    break;
                case LakeType.Double:
                    Assert.Equal(c.Cells.Select(v => v is null ? (double?)null : double.Parse(v, NumberStyles.Float, Inv)), batch.Column<double?>(name));
                    break;
                default:
                    Assert.Equal(c.Cells, batch.Column<string?>(name));
                    break;
            }
        }
    }

    [Fact]
    public void AnyTableReadsBackWithItsTypesAndValues() =>
        Gen.Select(TableGen(20, 30), Gen.Int).Sample((table, seed) =>
        {
            var csv = Render(table, seed);
            AssertHolds(table, CsvTableImporter.Read(WriteFile(csv.Text)));
        }, iter: 400, print: t => $"{t.Item1}\n--- as CSV ---\n{Render(t.Item1, t.Item2).Text}");

    /// <summary>A table with exactly one bad place: the file, and the line and field the error must name.</summary>
    private sealed record Broken(Table Table, Csv Csv, long Line, string Field, string Says);

    private static readonly string[] BadDates = ["2020-13-01", "2020-1-1", "20200101", "1.5", "x", " 2020-01-01"];
    private static readonly string[] BadNumbers = ["abc", "NaN", "1e999", "-Infinity", "2020-01-01", "1,5", "--1", "0x10"];

    // One cell that does not fit its column's type, below a value that fixed the type (else the column would just be a string).
    private static readonly Gen<Broken?> BadCell =
        Gen.Select(TableGen(15, 25).Where(t => t.Rows >= 2), Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Gen.Int).Select((table, pick, token, seed) =>
        {
            var candidates = (from c in Enumerable.Range(0, table.Columns.Length)
                              where table.Columns[c].Kind != Kind.Text
                              from r in Enumerable.Range(1, table.Rows - 1)
                              where table.Columns[c].Cells.Take(r).Any(v => v is not null)
                              select (c, r)).ToList();
            if (candidates.Count == 0) return null;
            var (col, row) = candidates[pick % candidates.Count];
            var column = table.Columns[col];
            var bad = column.Kind == Kind.Date ? BadDates[token % BadDates.Length] : BadNumbers[token % BadNumbers.Length];
            var cells = (string?[])column.Cells.Clone();
            cells[row] = bad;
            var broken = table with { Columns = [.. table.Columns.Select((c, i) => i == col ? c with { Cells = cells } : c)] };
            var csv = Render(broken, seed);
            return new Broken(broken, csv, csv.Lines[row], column.Name.Trim(), $"'{bad}' is not");
        });

    // One row with the wrong number of fields or an unterminated quote; the table may be very wide.
    private static readonly Gen<Broken?> BadRow =
        Gen.Select(Gen.Select(Gen.Int[1, 6], Gen.Frequency((4, Gen.Int[1, 20]), (1, Gen.Int[500, 1_500])))
                .SelectMany(t => ColumnGen(t.Item1).Array[t.Item2].Select(cols => MakeTable(cols, t.Item1))),
            Gen.Int[0, int.MaxValue], Gen.Int[0, 2], Gen.Int).Select((table, pick, how, seed) =>
        {
            var row = pick % table.Rows;
            var width = table.Columns.Length;
            if (how == 1 && width == 1) how = 0;
            Func<string[], string> breakRow = how switch
            {
                0 => cells => string.Join(',', [.. cells, "extra"]),
                1 => cells => string.Join(',', cells[..^1]) is { Length: > 0 } s ? s : "\"\"",
                _ => cells => string.Join(',', cells) + ",\"never closed",
            };
            var csv = Render(table, seed, row, breakRow);
            var says = how switch { 0 => $"expected {width} fields, found more", 1 => $"expected {width} fields, found {width - 1}", _ => "unbalanced quote" };
            return (Broken?)new Broken(table, csv, csv.Lines[row], "line", says);
        });

    [Fact]
    public void OneBadCellIsNamedByItsLineAndColumn() =>
        BadCell.Sample(broken =>
        {
            if (broken is null) return;
            var e = Assert.Throws<CsvImportException>(() => CsvTableImporter.Read(WriteFile(broken.Csv.Text)));
            Assert.Equal((broken.Line, broken.Field), (e.Line, e.Field));
            Assert.Contains(broken.Says, e.Message);
            Assert.EndsWith("nothing was imported", e.Message);
        }, iter: 400, print: b => b is null ? "(none)" : $"line {b.Line} field {b.Field}\n{b.Csv.Text}");

    // Several bad cells, and now and then a row of the wrong width: the error names the first bad row (its leftmost bad cell).
    private static readonly Gen<(Csv Csv, (long Line, string Field) First)?> BadCells =
        Gen.Select(TableGen(12, 12).Where(t => t.Rows >= 2), Gen.Int[0, int.MaxValue].Array[2, 6], Gen.Int[-1, 11], Gen.Int).Select((table, picks, shortRow, seed) =>
        {
            var candidates = (from c in Enumerable.Range(0, table.Columns.Length)
                              where table.Columns[c].Kind != Kind.Text
                              from r in Enumerable.Range(1, table.Rows - 1)
                              where table.Columns[c].Cells.Take(r).Any(v => v is not null)
                              select (c, r)).ToList();
            if (candidates.Count == 0) return ((Csv, (long, string))?)null;
            var chosen = picks.Select(p => candidates[p % candidates.Count]).Distinct().ToList();
            var columns = table.Columns.Select((col, c) => col with
            {
                Cells = [.. col.Cells.Select((v, r) => chosen.Contains((c, r)) ? (col.Kind == Kind.Date ? "not-a-date" : "not-a-number") : v)],
            }).ToArray();
            var broken = shortRow >= 0 && shortRow < table.Rows;
            var csv = Render(table with { Columns = columns }, seed, broken ? shortRow : -1, cells => string.Join(',', [.. cells, "extra"]));
            var first = chosen.OrderBy(x => x.r).ThenBy(x => x.c).First();
            return (csv, broken && shortRow <= first.r ? (csv.Lines[shortRow], "line") : (csv.Lines[first.r], table.Columns[first.c].Name.Trim()));
        });

    [Fact]
    public void WithSeveralBadRowsTheErrorNamesTheFirst() =>
        BadCells.Sample(broken =>
        {
            if (broken is not { } b) return;
            var e = Assert.Throws<CsvImportException>(() => CsvTableImporter.Read(WriteFile(b.Csv.Text)));
            Assert.Equal(b.First, (e.Line, e.Field));
        }, iter: 300, print: b => b is { } x ? $"first: {x.First}\n{x.Csv.Text}" : "(none)");

    [Fact]
    public void OneBadRowIsNamedByItsLineWhateverTheWidth() =>
        BadRow.Sample(broken =>
        {
            Assert.NotNull(broken);
            var e = Assert.Throws<CsvImportException>(() => CsvTableImporter.Read(WriteFile(broken.Csv.Text)));
            Assert.Equal((broken.Line, "line"), (e.Line, e.Field));
            Assert.Contains(broken.Says, e.Message);
        }, iter: 300, print: b => $"line {b!.Line}: {b.Says}\n{(b.Csv.Text.Length > 2_000 ? b.Csv.Text[..2_000] + "…" : b.Csv.Text)}");

    [Fact]
    public void AnyBytesGiveABatchOrACsvImportException() =>
        Gen.OneOf(
                Gen.Byte.Array[0, 300],
                Gen.Char["ab,\"\r\n 1.-e2020T:"].Array[0, 120].Select(c => Encoding.UTF8.GetBytes(new string(c))),
                Gen.Select(TableGen(5, 6), Gen.Int, Gen.Int[0, 1_000], Gen.Byte).Select((t, seed, at, b) =>
                {
                    // A valid file with one byte changed or the tail cut off.
                    var bytes = Encoding.UTF8.GetBytes(Render(t, seed).Text);
                    if (bytes.Length == 0) return bytes;
                    var i = at % bytes.Length;
                    if (at % 2 == 0) bytes[i] = b;
                    return at % 2 == 0 ? bytes : bytes[..i];
                }))
            .Sample(bytes =>
            {
                var path = Path.Combine(_dir, $"{Guid.NewGuid():N}.csv");
                File.WriteAllBytes(path, bytes);
                try
                {
                    var batch = CsvTableImporter.Read(path);
                    Assert.NotEmpty(batch.Schema.Fields);
                }
                catch (CsvImportException e)
                {
                    Assert.InRange(e.Line, 1, bytes.Length + 1); // a line takes at least one byte
                    Assert.False(string.IsNullOrWhiteSpace(e.Field));
                    Assert.EndsWith("nothing was imported", e.Message);
                }
            }, iter: 2_000);

    private static async Task<List<(string Path, long Size)>> FilesAsync(Lakehouse lake, CancellationToken ct)
    {
        var files = new List<(string, long)>();
        await foreach (var f in lake.Storage.ListAsync("", ct)) files.Add((f.Path, f.Size));
        return [.. files.OrderBy(f => f.Item1, StringComparer.Ordinal)];
    }

    private static async Task<RecordBatch> ReadTableAsync(Lakehouse lake, CancellationToken ct)
    {
        var table = (await lake.OpenTableAsync(Target, ct))!;
        var snapshot = await table.RefreshAsync(ct);
        var batches = new List<RecordBatch>();
        await foreach (var b in table.ReadAsync(snapshot, ct)) batches.Add(b);
        return RecordBatch.Concat(snapshot.Schema, batches);
    }

    [Fact]
    public async Task AnyTableImportedIntoTheLakeReadsBack() =>
        await Gen.Select(TableGen(12, 10).Where(t => t.Rows > 0), Gen.Int).SampleAsync(async (table, seed) =>
        {
            using var temp = new TempLake();
            var lake = temp.NewLakehouse();
            var result = await CsvTableImporter.ImportAsync(lake, WriteFile(Render(table, seed).Text), Target, _ct);
            Assert.Equal(table.Rows, result.RowsAdded);
            AssertHolds(table, await ReadTableAsync(lake, _ct));
        }, iter: 30, print: t => $"{t.Item1}\n{Render(t.Item1, t.Item2).Text}");

    [Fact]
    public async Task ARejectedFileLeavesTheLakeExactlyAsItWas() =>
        await Gen.Select(Gen.OneOf(BadCell, BadRow).Where(b => b is not null), Gen.Bool).SampleAsync(async (broken, tableExists) =>
        {
            using var temp = new TempLake();
            var lake = temp.NewLakehouse();
            if (tableExists)
            {
                // The same table without its bad place was imported before: the bad file must not add to it.
                var good = broken!.Table with { Columns = [.. broken.Table.Columns.Select(c => c with { Cells = [.. c.Cells.Select(_ => (string?)null)] })] };
                if (good.Rows > 0) await CsvTableImporter.ImportAsync(lake, WriteFile(Render(good, 1).Text), Target, _ct);
            }
            var before = await FilesAsync(lake, _ct);

            var e = await Assert.ThrowsAsync<CsvImportException>(() => CsvTableImporter.ImportAsync(lake, WriteFile(broken!.Csv.Text), Target, _ct));

            Assert.Equal((broken!.Line, broken.Field), (e.Line, e.Field));
            Assert.Equal(before, await FilesAsync(lake, _ct));
            if (before.Count == 0) Assert.Null(await lake.OpenTableAsync(Target, _ct)); // no table was created either
        }, iter: 40, print: t => $"exists={t.Item2} line {t.Item1!.Line} field {t.Item1.Field}\n{t.Item1.Csv.Text}");

    [Fact]
    public async Task AFileWhoseColumnsDoNotMatchTheTableAddsNothing() =>
        await Gen.Select(TableGen(8, 8).Where(t => t.Rows > 0), Gen.Int).SampleAsync(async (table, seed) =>
        {
            using var temp = new TempLake();
            var lake = temp.NewLakehouse();
            await CsvTableImporter.ImportAsync(lake, WriteFile(Render(table, seed).Text), Target, _ct);
            var before = await FilesAsync(lake, _ct);
            var wider = table with { Columns = [.. table.Columns, new Column("zz_extra", Kind.Number, [.. Enumerable.Repeat((string?)"1", table.Rows)])] };

            await Assert.ThrowsAsync<SchemaMismatchException>(() => CsvTableImporter.ImportAsync(lake, WriteFile(Render(wider, seed).Text), Target, _ct));

            Assert.Equal(before, await FilesAsync(lake, _ct));
            AssertHolds(table, await ReadTableAsync(lake, _ct));
        }, iter: 20, print: t => $"{t.Item1}");
}
