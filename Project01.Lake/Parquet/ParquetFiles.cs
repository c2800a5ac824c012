using ParquetSharp;
using Project01.Lake.Data;
using Project01.Lake.Schema;

namespace Project01.Lake.Parquet;

/// <summary>Writes and reads a <see cref="RecordBatch"/> as one Parquet file (ParquetSharp, snappy).</summary>
public static class ParquetFiles
{
    private const int RowGroupSize = 256 * 1024;

    public static void Write(Stream output, RecordBatch batch)
    {
        var columns = batch.Schema.Fields.Select(ToColumn).ToArray();
        using var properties = new WriterPropertiesBuilder().Compression(Compression.Snappy).CreatedBy("Project01.Lake").Build();
        using var writer = new ParquetFileWriter(output, columns, LogicalTypeFactory.Default, properties, keyValueMetadata: null, leaveOpen: true);
        for (var start = 0; start < Math.Max(1, batch.Length); start += RowGroupSize)
        {
            var count = Math.Min(RowGroupSize, batch.Length - start);
            using var rowGroup = writer.AppendRowGroup();
            for (var c = 0; c < columns.Length; c++)
            {
                using var column = rowGroup.NextColumn();
                WriteColumn(column, batch.Columns[c], start, count);
            }
        }
        writer.Close();
    }

    private static Column ToColumn(LakeField f) => f.Type switch
    {
        LakeType.Timestamp => new Column(f.Type.ClrType(f.Nullable), f.Name, LogicalType.Timestamp(isAdjustedToUtc: true, TimeUnit.Micros)),
        LakeType.String => new Column(typeof(string), f.Name, LogicalType.String()),
        _ => new Column(f.Type.ClrType(f.Nullable), f.Name),
    };

    private static void WriteColumn(ColumnWriter column, Array values, int start, int count)
    {
        switch (values)
        {
            case double[] a: Write(column, a, start, count); break;
            case double?[] a: Write(column, a, start, count); break;
            case long[] a: Write(column, a, start, count); break;
            case long?[] a: Write(column, a, start, count); break;
            case int[] a: Write(column, a, start, count); break;
            case int?[] a: Write(column, a, start, count); break;
            case bool[] a: Write(column, a, start, count); break;
            case bool?[] a: Write(column, a, start, count); break;
            case DateTime[] a: Write(column, a, start, count); break;
            case DateTime?[] a: Write(column, a, start, count); break;
            case DateOnly[] a: Write(column, a, start, count); break;
            case DateOnly?[] a: Write(column, a, start, count); break;
            case string[] a: Write(column, a, start, count); break;
            default: throw new NotSupportedException($"column array type {values.GetType().Name}");
        }
    }

    private static void Write<T>(ColumnWriter column, T[] values, int start, int count)
    {
        using var writer = column.LogicalWriter<T>();
        writer.WriteBatch(values.AsSpan(start, count));
    }

    /// <summary>Reads the columns of <paramref name="schema"/> (by name) from a Parquet file.</summary>
    public static RecordBatch Read(string path, LakeSchema schema)
    {
        using var reader = new ParquetFileReader(path) { LogicalTypeFactory = new LogicalTypeFactory { DateAsDateOnly = true } };
        var metadata = reader.FileMetaData;
        var rows = checked((int)metadata.NumRows);
        var columns = schema.Fields.Select(f => Array.CreateInstance(f.Type.ClrType(f.Nullable), rows)).ToArray();
        var offset = 0;
        for (var g = 0; g < metadata.NumRowGroups; g++)
        {
            using var rowGroup = reader.RowGroup(g);
            var groupRows = checked((int)rowGroup.MetaData.NumRows);
            for (var c = 0; c < schema.Fields.Count; c++)
            {
                var field = schema.Fields[c];
                var index = metadata.Schema.ColumnIndex(field.Name);
                if (index < 0) throw new InvalidDataException($"{path}: column '{field.Name}' is missing from the Parquet file");
                using var column = rowGroup.Column(index);
                ReadColumn(column, field, columns[c], offset, groupRows);
            }
            offset += groupRows;
        }
        return new RecordBatch(schema, columns);
    }

    private static void ReadColumn(ColumnReader column, LakeField field, Array target, int offset, int count)
    {
        switch (target)
        {
            case double[] a: Read(column, a, offset, count); break;
            case double?[] a: Read(column, a, offset, count); break;
            case long[] a: Read(column, a, offset, count); break;
            case long?[] a: Read(column, a, offset, count); break;
            case int[] a: Read(column, a, offset, count); break;
            case int?[] a: Read(column, a, offset, count); break;
            case bool[] a: Read(column, a, offset, count); break;
            case bool?[] a: Read(column, a, offset, count); break;
            case DateTime[] a:
                Read(column, a, offset, count);
                for (var i = offset; i < offset + count; i++) a[i] = DateTime.SpecifyKind(a[i], DateTimeKind.Utc);
                break;
            case DateTime?[] a:
                Read(column, a, offset, count);
                for (var i = offset; i < offset + count; i++) if (a[i] is { } t) a[i] = DateTime.SpecifyKind(t, DateTimeKind.Utc);
                break;
            case DateOnly[] a: Read(column, a, offset, count); break;
            case DateOnly?[] a: Read(column, a, offset, count); break;
            case string[] a: Read(column, a, offset, count); break;
            default: throw new NotSupportedException($"column '{field.Name}' of type {field.Type}");
        }
    }

    private static void Read<T>(ColumnReader column, T[] target, int offset, int count)
    {
        using var reader = column.LogicalReader<T>();
        var read = 0;
        while (read < count) read += reader.ReadBatch(target.AsSpan(offset + read, count - read));
    }
}
