using Project01.Lake.Schema;

namespace Project01.Lake.Data;

/// <summary>
/// Rows in columnar form: one typed array per field (<see cref="LakeTypes.ClrType"/>: <c>double[]</c> for a required
/// double, <c>double?[]</c> for a nullable one, <c>string?[]</c> for strings, …), all of the same length.
/// </summary>
public sealed class RecordBatch
{
    public RecordBatch(LakeSchema schema, IReadOnlyList<Array> columns)
    {
        if (columns.Count != schema.Fields.Count)
            throw new ArgumentException($"schema has {schema.Fields.Count} fields but {columns.Count} columns were given");
        Length = columns.Count == 0 ? 0 : columns[0].Length;
        for (var i = 0; i < columns.Count; i++)
        {
            var field = schema.Fields[i];
            var expected = field.Type.ClrType(field.Nullable);
            if (columns[i].GetType().GetElementType() != expected)
                throw new ArgumentException($"column '{field.Name}' must be {expected.Name}[], got {columns[i].GetType().Name}");
            if (columns[i].Length != Length)
                throw new ArgumentException($"column '{field.Name}' has {columns[i].Length} rows, expected {Length}");
            if (!field.Nullable && field.Type == LakeType.String && ((string?[])columns[i]).Any(s => s is null))
                throw new ArgumentException($"column '{field.Name}' is required but holds nulls");
        }
        Schema = schema;
        Columns = columns;
    }

    public LakeSchema Schema { get; }
    public IReadOnlyList<Array> Columns { get; }
    public int Length { get; }

    public T[] Column<T>(string name)
    {
        var i = Schema.IndexOf(name);
        if (i < 0) throw new KeyNotFoundException($"no column '{name}' in batch ({Schema})");
        return Columns[i] as T[] ?? throw new InvalidCastException($"column '{name}' is {Columns[i].GetType().Name}, not {typeof(T).Name}[]");
    }

    /// <summary>The rows at <paramref name="rows"/>, in that order.</summary>
    public RecordBatch Take(IReadOnlyList<int> rows)
    {
        var columns = new Array[Columns.Count];
        for (var c = 0; c < Columns.Count; c++)
        {
            var source = Columns[c];
            var target = Array.CreateInstance(source.GetType().GetElementType()!, rows.Count);
            for (var r = 0; r < rows.Count; r++) Array.Copy(source, rows[r], target, r, 1);
            columns[c] = target;
        }
        return new RecordBatch(Schema, columns);
    }

    /// <summary>The batch without one column (used to drop partition columns before writing Parquet).</summary>
    public RecordBatch Without(string name)
    {
        var i = Schema.IndexOf(name);
        if (i < 0) return this;
        return new RecordBatch(new LakeSchema(Schema.Fields.Where((_, k) => k != i)), Columns.Where((_, k) => k != i).ToList());
    }

    /// <summary>The batch with one more column.</summary>
    public RecordBatch With(LakeField field, Array values) =>
        new(new LakeSchema([.. Schema.Fields, field]), [.. Columns, values]);

    /// <summary>Batches of the same schema, one after the other.</summary>
    public static RecordBatch Concat(LakeSchema schema, IReadOnlyList<RecordBatch> batches)
    {
        var total = batches.Sum(b => b.Length);
        var columns = new Array[schema.Fields.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            var field = schema.Fields[c];
            var target = Array.CreateInstance(field.Type.ClrType(field.Nullable), total);
            var offset = 0;
            foreach (var b in batches)
            {
                var source = b.Columns[b.Schema.IndexOf(field.Name)];
                if (source.GetType().GetElementType() == target.GetType().GetElementType())
                    Array.Copy(source, 0, target, offset, b.Length);
                else
                    for (var r = 0; r < b.Length; r++) target.SetValue(source.GetValue(r), offset + r); // required → nullable widening
                offset += b.Length;
            }
            columns[c] = target;
        }
        return new RecordBatch(schema, columns);
    }
}
