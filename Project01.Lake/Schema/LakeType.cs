namespace Project01.Lake.Schema;

/// <summary>Column types the lake stores; each maps to one Delta primitive type and one Parquet physical/logical type.</summary>
public enum LakeType
{
    String,
    Double,
    Long,
    Int,
    Bool,
    /// <summary>UTC instant, microsecond precision.</summary>
    Timestamp,
    Date,
}

public static class LakeTypes
{
    public static string ToDelta(this LakeType type) => type switch
    {
        LakeType.String => "string",
        LakeType.Double => "double",
        LakeType.Long => "long",
        LakeType.Int => "integer",
        LakeType.Bool => "boolean",
        LakeType.Timestamp => "timestamp",
        LakeType.Date => "date",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static LakeType FromDelta(string type) => type switch
    {
        "string" => LakeType.String,
        "double" => LakeType.Double,
        "long" => LakeType.Long,
        "integer" => LakeType.Int,
        "boolean" => LakeType.Bool,
        "timestamp" or "timestamp_ntz" => LakeType.Timestamp,
        "date" => LakeType.Date,
        _ => throw new NotSupportedException($"Delta type '{type}' is not supported by this lake (supported: string, double, long, integer, boolean, timestamp, date)"),
    };

    /// <summary>The CLR element type of a column array (nullable value types for nullable fields).</summary>
    public static Type ClrType(this LakeType type, bool nullable) => (type, nullable) switch
    {
        (LakeType.String, _) => typeof(string),
        (LakeType.Double, false) => typeof(double),
        (LakeType.Double, true) => typeof(double?),
        (LakeType.Long, false) => typeof(long),
        (LakeType.Long, true) => typeof(long?),
        (LakeType.Int, false) => typeof(int),
        (LakeType.Int, true) => typeof(int?),
        (LakeType.Bool, false) => typeof(bool),
        (LakeType.Bool, true) => typeof(bool?),
        (LakeType.Timestamp, false) => typeof(DateTime),
        (LakeType.Timestamp, true) => typeof(DateTime?),
        (LakeType.Date, false) => typeof(DateOnly),
        (LakeType.Date, true) => typeof(DateOnly?),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
