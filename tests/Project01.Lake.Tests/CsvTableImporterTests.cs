using Project01.Lake.Data;
using Project01.Lake.Import;
using Project01.Lake.Schema;
using Project01.Tests;

namespace Project01.Lake.Tests;

public sealed class CsvTableImporterTests : IDisposable
{
    private readonly TempLake _lake = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _lake.Dispose();

    private string Write(string name, string content)
    {
        var path = Path.Combine(TestPaths.NewTempDirectory("csv"), name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void InfersDateNumberAndStringColumnsWithNulls()
    {
        var batch = CsvTableImporter.Read(Write("m.csv", "day,name,value,note\n2020-01-02,\"Smith, J\",1.5,\n2020-01-03,Lee,,\"said \"\"hi\"\"\"\n"));

        Assert.Equal([LakeType.Date, LakeType.String, LakeType.Double, LakeType.String], batch.Schema.Fields.Select(f => f.Type));
        Assert.Equal([new DateOnly(2020, 1, 2), new DateOnly(2020, 1, 3)], batch.Column<DateOnly?>("day"));
        Assert.Equal(["Smith, J", "Lee"], batch.Column<string?>("name"));
        Assert.Equal([1.5, null], batch.Column<double?>("value"));
        Assert.Equal([null, "said \"hi\""], batch.Column<string?>("note"));
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", 3, "line", "expected 2 fields, found 1")]
    [InlineData("a,b\n2020-01-01,2\n2020-13-01,3\n", 3, "a", "'2020-13-01' is not an ISO date")]
    [InlineData("a,b\n1,\"x\n", 2, "line", "unbalanced quote")]
    [InlineData("a,a\n1,2\n", 1, "a", "duplicate column name")]
    [InlineData("a,b\n1,2,3\n", 2, "line", "expected 2 fields, found more")]
    public void ABadRowIsNamedByLineAndField(string content, long line, string field, string reason)
    {
        var e = Assert.Throws<CsvImportException>(() => CsvTableImporter.Read(Write("bad.csv", content)));
        Assert.Equal(line, e.Line);
        Assert.Equal(field, e.Field);
        Assert.Contains(reason, e.Message);
        Assert.Contains("nothing was imported", e.Message);
    }

    [Theory]
    [InlineData("a,b\n1,1\n2,x\ny,3\n", 3, "b", "'x' is not a number")] // column a's bad line 4 is checked first, but line 3 comes first
    [InlineData("a,b\n1,1\nx,y\n", 3, "a", "'x' is not a number")] // two bad cells on one line: the leftmost
    [InlineData("a,b\n1,1\n2,x\n3\n", 3, "b", "'x' is not a number")] // a bad cell above a short row
    [InlineData("a,b\n1,1\n3\n2,x\n", 3, "line", "expected 2 fields, found 1")] // a short row above a bad cell
    public async Task TheFirstBadRowIsReportedWhicheverColumnFindsItAndNothingIsImported(string content, long line, string field, string reason)
    {
        var lake = _lake.NewLakehouse();
        var e = await Assert.ThrowsAsync<CsvImportException>(() => CsvTableImporter.ImportAsync(lake, Write("first.csv", content), TableName.Parse("first"), _ct));

        Assert.Equal((line, field), (e.Line, e.Field));
        Assert.Contains(reason, e.Message);
        Assert.EndsWith("nothing was imported", e.Message);
        Assert.Null(await lake.OpenTableAsync(TableName.Parse("first"), _ct));
    }

    [Theory]
    [InlineData(513)]
    [InlineData(514)]
    [InlineData(2_000)]
    public void WideFilesImportWhateverTheirWidthAndAShortRowNamesItsLine(int columns)
    {
        var header = string.Join(',', Enumerable.Range(0, columns).Select(i => $"c{i}"));
        var row = string.Join(',', Enumerable.Range(0, columns).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var batch = CsvTableImporter.Read(Write("wide.csv", $"{header}\n{row}\n"));
        Assert.Equal(columns, batch.Schema.Fields.Count);
        Assert.Equal([columns - 1.0], batch.Column<double?>($"c{columns - 1}"));

        var e = Assert.Throws<CsvImportException>(() => CsvTableImporter.Read(Write("wide-bad.csv", $"{header}\n{row}\n1,2\n")));
        Assert.Equal((3L, "line"), (e.Line, e.Field));
        Assert.Contains($"expected {columns} fields, found 2", e.Message);
    }

    [Fact]
    public async Task DateColumnsRoundTripThroughParquet()
    {
        var lake = _lake.NewLakehouse();
        var path = Write("d.csv", "day,close\n2020-01-02,1\n,2\n1999-12-31,3\n");
        await CsvTableImporter.ImportAsync(lake, path, TableName.Parse("d"), _ct);
        var table = (await lake.OpenTableAsync(TableName.Parse("d"), _ct))!;
        var batches = new List<RecordBatch>();
        await foreach (var b in table.ReadAsync(await table.RefreshAsync(_ct), _ct)) batches.Add(b);
        Assert.Equal([new DateOnly(2020, 1, 2), null, new DateOnly(1999, 12, 31)], batches.Single().Column<DateOnly?>("day"));
    }
}
