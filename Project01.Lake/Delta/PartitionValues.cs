using System.Globalization;
using Project01.Lake.Schema;

namespace Project01.Lake.Delta;

/// <summary>Partition values as Delta stores them: strings in the log and in hive-style paths (<c>date=2020-01-02</c>).</summary>
internal static class PartitionValues
{
    public static string Format(object? value, string column) => value switch
    {
        null => throw new ArgumentException($"partition column '{column}' has a null value"),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s when s.Length == 0 || s.IndexOfAny(['/', '\\', '=', '\n']) >= 0 => throw new ArgumentException($"partition value '{s}' of '{column}' is not path-safe"),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    public static Array Array(LakeField field, string? value, int length)
    {
        var array = System.Array.CreateInstance(field.Type.ClrType(field.Nullable), length);
        object? typed = value is null ? null : field.Type switch
        {
            LakeType.String => value,
            LakeType.Date => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            LakeType.Int => int.Parse(value, CultureInfo.InvariantCulture),
            LakeType.Long => long.Parse(value, CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"partition type {field.Type}"),
        };
        for (var i = 0; i < length; i++) array.SetValue(typed, i);
        return array;
    }
}
